package io.neurite.zoo;

import io.neurite.core.Shape;
import io.neurite.model.Model;

/**
 * AlexNet (Krizhevsky et al., 2012) as torchvision's single-GPU variant: five convolutions with 64, 192, 384, 256 and
 * 256 filters, three overlapping 3x3 max pools, then two dense layers of 4096 with dropout and the classes. No local
 * response normalization. At 224x224 (or 227x227) the features are 6x6x256 = 9,216, where torchvision's adaptive
 * average pool to 6x6 changes nothing; other input sizes give other feature counts.
 */
public final class AlexNet {
    private AlexNet() { }

    /** Full-size AlexNet: 61,100,840 parameters on 224x224x3 with 1000 classes. */
    public static Model alexNet(Shape input, int classes) {
        Zoo.check("AlexNet", input, classes);
        return Model.sequential("alexnet").input(input)
                .conv(64, 11).stride(4).padding(2).relu()
                .maxPool(3, 2)
                .conv(192, 5).padding(2).relu()
                .maxPool(3, 2)
                .conv(384, 3).padding(1).relu()
                .conv(256, 3).padding(1).relu()
                .conv(256, 3).padding(1).relu()
                .maxPool(3, 2)
                .flatten().named(Zoo.FEATURES)
                .dropout(0.5)
                .dense(4096).relu()
                .dropout(0.5)
                .dense(4096).relu()
                .dense(classes).softmax()
                .build();
    }

    /**
     * The same shape of network for 28x28 or 32x32 images: 5x5 then 3x3 'same' convolutions with 32, 64, 96, 96 and
     * 64 filters, the three 3x3 stride-2 pools, and dense layers of 256 (about 0.3 M parameters on 28x28x1).
     */
    public static Model reduced(Shape input, int classes) {
        Zoo.check("AlexNet (reduced)", input, classes);
        return Model.sequential("alexnet-reduced").input(input)
                .conv(32, 5).same().relu()
                .maxPool(3, 2)
                .conv(64, 5).same().relu()
                .maxPool(3, 2)
                .conv(96, 3).same().relu()
                .conv(96, 3).same().relu()
                .conv(64, 3).same().relu()
                .maxPool(3, 2)
                .flatten().named(Zoo.FEATURES)
                .dropout(0.5)
                .dense(256).relu()
                .dropout(0.5)
                .dense(256).relu()
                .dense(classes).softmax()
                .build();
    }
}
