package io.neurite.zoo;

import static io.neurite.zoo.Zoo.convBn;

import io.neurite.core.Shape;
import io.neurite.model.GraphBuilder;
import io.neurite.model.Model;
import io.neurite.model.Node;

/**
 * GoogLeNet / Inception v1 (Szegedy et al., 2014) without the auxiliary classifiers, with torchvision's batch norm
 * after every convolution. Nine Inception blocks, each joining four parallel branches along channels: 1x1; 1x1 then
 * 3x3; 1x1 then 5x5; 3x3 max pool then 1x1.
 */
public final class GoogLeNet {
    private GoogLeNet() { }

    /** The paper's GoogLeNet (5x5 convolutions in the third branch). */
    public static Model googLeNet(Shape input, int classes) { return build("googlenet", input, classes, 5); }

    /**
     * torchvision's {@code googlenet}, which uses a 3x3 instead of a 5x5 convolution in the third branch (a known
     * discrepancy, pytorch/vision issue 906): 6,624,904 parameters on 224x224x3 with 1000 classes.
     */
    public static Model googLeNetTorchvision(Shape input, int classes) {
        return build("googlenet-torchvision", input, classes, 3);
    }

    /**
     * An Inception block: four branches read {@code x} and are concatenated, giving c1 + c3 + c5 + poolProj channels
     * at the same height and width. c3Reduce and c5Reduce are the 1x1 bottlenecks before the 3x3 and 5x5 convolutions.
     */
    public static Node inception(Node x, int c1, int c3Reduce, int c3, int c5Reduce, int c5, int poolProj) {
        return inception(x, c1, c3Reduce, c3, c5Reduce, c5, poolProj, 5);
    }

    /**
     * GoogLeNet for 28x28 or 32x32 images: a 3x3 stem of 32 filters and a 'same' 3x3 stride-2 pool, then five small
     * Inception blocks with two more such pools between them (28 -> 14 -> 7 -> 4), global average pooling and the
     * classes. Pooling right after the stem, as the full network does, makes it about 2.4x faster to train than
     * running the first blocks at 28x28 (83 against 35 samples/s on one core).
     */
    public static Model reduced(Shape input, int classes) {
        Zoo.check("GoogLeNet (reduced)", input, classes);
        GraphBuilder g = Model.graph("googlenet-reduced");
        Node x = convBn(g.input("image", input), 32, 3, 1, 1).relu().maxPool(3, 2).same();
        x = inception(x, 16, 16, 24, 4, 8, 8);
        x = inception(x, 24, 24, 32, 4, 12, 12).maxPool(3, 2).same();
        x = inception(x, 32, 32, 48, 8, 16, 16);
        x = inception(x, 32, 32, 48, 8, 16, 16).maxPool(3, 2).same();
        x = inception(x, 48, 48, 64, 8, 24, 24);
        return g.output(x.globalAvgPool().named(Zoo.FEATURES).dense(classes).softmax()).build();
    }

    private static Model build(String name, Shape input, int classes, int k5) {
        Zoo.check(name, input, classes);
        GraphBuilder g = Model.graph(name);
        Node x = convBn(g.input("image", input), 64, 7, 2, 3).relu().maxPool(3, 2).same();
        x = convBn(x, 64, 1, 1, 0).relu();
        x = convBn(x, 192, 3, 1, 1).relu().maxPool(3, 2).same();
        x = inception(x, 64, 96, 128, 16, 32, 32, k5);            // 3a: 256 channels
        x = inception(x, 128, 128, 192, 32, 96, 64, k5);          // 3b: 480
        x = x.maxPool(3, 2).same();
        x = inception(x, 192, 96, 208, 16, 48, 64, k5);           // 4a: 512
        x = inception(x, 160, 112, 224, 24, 64, 64, k5);          // 4b: 512
        x = inception(x, 128, 128, 256, 24, 64, 64, k5);          // 4c: 512
        x = inception(x, 112, 144, 288, 32, 64, 64, k5);          // 4d: 528
        x = inception(x, 256, 160, 320, 32, 128, 128, k5);        // 4e: 832
        x = x.maxPool(2, 2).same();
        x = inception(x, 256, 160, 320, 32, 128, 128, k5);        // 5a: 832
        x = inception(x, 384, 192, 384, 48, 128, 128, k5);        // 5b: 1024
        Node features = x.globalAvgPool().named(Zoo.FEATURES);
        return g.output(features.dropout(0.2).dense(classes).softmax()).build();
    }

    private static Node inception(Node x, int c1, int c3Reduce, int c3, int c5Reduce, int c5, int poolProj, int k5) {
        Node b1 = convBn(x, c1, 1, 1, 0).relu();
        Node b2 = convBn(convBn(x, c3Reduce, 1, 1, 0).relu(), c3, 3, 1, 1).relu();
        Node b3 = convBn(convBn(x, c5Reduce, 1, 1, 0).relu(), c5, k5, 1, k5 / 2).relu();
        Node b4 = convBn(x.maxPool(3, 1).same(), poolProj, 1, 1, 0).relu();
        return b1.concat(b2, b3, b4);
    }
}
