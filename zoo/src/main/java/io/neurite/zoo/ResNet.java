package io.neurite.zoo;

import static io.neurite.zoo.Zoo.convBn;

import io.neurite.core.Shape;
import io.neurite.model.GraphBuilder;
import io.neurite.model.Model;
import io.neurite.model.Node;

/**
 * ResNet (He et al., 2015) as torchvision builds it: a 7x7 stride-2 stem and 3x3 stride-2 max pool, four stages of
 * residual blocks with 64, 128, 256 and 512 filters (the first block of stages 2-4 halves height and width), global
 * average pooling and one dense layer. Convolutions have no bias; each is followed by batch norm. A block computes
 * relu(F(x) + shortcut(x)); the shortcut is x itself, or a 1x1 convolution + batch norm when the shape changes.
 */
public final class ResNet {
    private ResNet() { }

    /** ResNet-18: 2, 2, 2, 2 basic blocks; 11,689,512 parameters on 224x224x3 with 1000 classes. */
    public static Model resNet18(Shape input, int classes) { return build("resnet18", input, classes, false, 2, 2, 2, 2); }

    /** ResNet-34: 3, 4, 6, 3 basic blocks; 21,797,672 parameters on 224x224x3 with 1000 classes. */
    public static Model resNet34(Shape input, int classes) { return build("resnet34", input, classes, false, 3, 4, 6, 3); }

    /** ResNet-50: 3, 4, 6, 3 bottleneck blocks; 25,557,032 parameters on 224x224x3 with 1000 classes. */
    public static Model resNet50(Shape input, int classes) { return build("resnet50", input, classes, true, 3, 4, 6, 3); }

    /** ResNet-101: 3, 4, 23, 3 bottleneck blocks; 44,549,160 parameters on 224x224x3 with 1000 classes. */
    public static Model resNet101(Shape input, int classes) {
        return build("resnet101", input, classes, true, 3, 4, 23, 3);
    }

    /** ResNet-152: 3, 8, 36, 3 bottleneck blocks; 60,192,808 parameters on 224x224x3 with 1000 classes. */
    public static Model resNet152(Shape input, int classes) {
        return build("resnet152", input, classes, true, 3, 8, 36, 3);
    }

    /** Basic block: two 3x3 conv-BN (the first with {@code stride}, ReLU between), added to the shortcut, then ReLU. */
    public static Node residualBlock(Node x, int filters, int stride) {
        Node f = convBn(convBn(x, filters, 3, stride, 1).relu(), filters, 3, 1, 1);
        return f.add(shortcut(x, filters, stride)).relu();
    }

    /**
     * Bottleneck block (torchvision's v1.5, stride on the 3x3): 1x1 conv to {@code filters}, 3x3 conv with
     * {@code stride}, 1x1 conv to 4 x filters, each with BN, ReLU between; added to the shortcut, then ReLU.
     */
    public static Node bottleneckBlock(Node x, int filters, int stride) {
        Node f = convBn(x, filters, 1, 1, 0).relu();
        f = convBn(f, filters, 3, stride, 1).relu();
        f = convBn(f, 4 * filters, 1, 1, 0);
        return f.add(shortcut(x, 4 * filters, stride)).relu();
    }

    /**
     * A ResNet for 28x28 or 32x32 images: a 3x3 stem of 16 filters and one basic block per stage with 16, 32 and 64
     * filters (28 -> 14 -> 7), global average pooling and the classes.
     */
    public static Model reduced(Shape input, int classes) {
        Zoo.check("ResNet (reduced)", input, classes);
        GraphBuilder g = Model.graph("resnet-reduced");
        Node x = convBn(g.input("image", input), 16, 3, 1, 1).relu();
        x = residualBlock(x, 16, 1);
        x = residualBlock(x, 32, 2);
        x = residualBlock(x, 64, 2);
        return g.output(x.globalAvgPool().named(Zoo.FEATURES).dense(classes).softmax()).build();
    }

    /** x when it already has {@code filters} channels at the output size, else a 1x1 conv-BN projection. */
    private static Node shortcut(Node x, int filters, int stride) {
        return stride == 1 && x.shape().channels() == filters ? x : convBn(x, filters, 1, stride, 0);
    }

    private static Model build(String name, Shape input, int classes, boolean bottleneck, int... blocksPerStage) {
        Zoo.check(name, input, classes);
        GraphBuilder g = Model.graph(name);
        Node x = convBn(g.input("image", input), 64, 7, 2, 3).relu().maxPool(3, 2).padding(1);
        for (int stage = 0; stage < blocksPerStage.length; stage++) {
            int filters = 64 << stage;
            for (int b = 0; b < blocksPerStage[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                x = bottleneck ? bottleneckBlock(x, filters, stride) : residualBlock(x, filters, stride);
            }
        }
        return g.output(x.globalAvgPool().named(Zoo.FEATURES).dense(classes).softmax()).build();
    }
}
