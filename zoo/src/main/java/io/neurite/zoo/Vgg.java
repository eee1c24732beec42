package io.neurite.zoo;

import io.neurite.core.Shape;
import io.neurite.model.LayerChain;
import io.neurite.model.Model;
import io.neurite.model.Sequential;

/**
 * VGG (Simonyan and Zisserman, 2014): blocks of 3x3 'same' convolutions with ReLU, each block closed by a 2x2 max pool
 * that halves height and width, then dense 4096, 4096 and the classes with dropout, as torchvision builds it. The
 * variants differ only in convolutions per block; filters are 64, 128, 256, 512, 512.
 */
public final class Vgg {
    private static final int[] FILTERS = {64, 128, 256, 512, 512};

    private Vgg() { }

    /** VGG-11 (configuration A): 1, 1, 2, 2, 2 convolutions per block. */
    public static Model vgg11(Shape input, int classes) { return vgg("vgg11", input, classes, 1, 1, 2, 2, 2); }

    /** VGG-13 (configuration B): 2, 2, 2, 2, 2 convolutions per block. */
    public static Model vgg13(Shape input, int classes) { return vgg("vgg13", input, classes, 2, 2, 2, 2, 2); }

    /** VGG-16 (configuration D): 2, 2, 3, 3, 3 convolutions per block. */
    public static Model vgg16(Shape input, int classes) { return vgg("vgg16", input, classes, 2, 2, 3, 3, 3); }

    /** VGG-19 (configuration E): 2, 2, 4, 4, 4 convolutions per block. */
    public static Model vgg19(Shape input, int classes) { return vgg("vgg19", input, classes, 2, 2, 4, 4, 4); }

    /** {@code convs} 3x3 'same' convolutions of {@code filters} with ReLU, then a 2x2 max pool. */
    public static <T extends LayerChain<T>> T vggBlock(T x, int convs, int filters) {
        for (int i = 0; i < convs; i++) x = x.conv(filters, 3).same().relu();
        return x.maxPool(2);
    }

    /**
     * Three VGG blocks (1, 1 and 2 convolutions of 16, 32 and 64 filters) and dense layers of 128, for 28x28 or 32x32
     * images: 28 -> 14 -> 7 -> 3.
     */
    public static Model reduced(Shape input, int classes) {
        Zoo.check("VGG (reduced)", input, classes);
        Sequential x = Model.sequential("vgg-reduced").input(input);
        x = vggBlock(x, 1, 16);
        x = vggBlock(x, 1, 32);
        x = vggBlock(x, 2, 64);
        return classifier(x, 128, classes);
    }

    private static Model vgg(String name, Shape input, int classes, int... convsPerBlock) {
        Zoo.check(name, input, classes);
        Sequential x = Model.sequential(name).input(input);
        for (int b = 0; b < convsPerBlock.length; b++) x = vggBlock(x, convsPerBlock[b], FILTERS[b]);
        return classifier(x, 4096, classes);
    }

    private static Model classifier(Sequential x, int units, int classes) {
        return x.flatten().named(Zoo.FEATURES)
                .dense(units).relu().dropout(0.5)
                .dense(units).relu().dropout(0.5)
                .dense(classes).softmax()
                .build();
    }
}
