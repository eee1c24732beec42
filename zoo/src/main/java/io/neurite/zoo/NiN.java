package io.neurite.zoo;

import io.neurite.core.Shape;
import io.neurite.model.LayerChain;
import io.neurite.model.Model;
import io.neurite.model.Sequential;

/**
 * Network in Network (Lin et al., 2013) as Dive into Deep Learning builds it: NiN blocks (a convolution followed by
 * two 1x1 convolutions, all ReLU, acting as a small MLP at every pixel), 3x3 stride-2 max pools between them, and no
 * dense layer at all: the last block has one channel per class and global average pooling turns each channel into a
 * class score.
 */
public final class NiN {
    private NiN() { }

    /** d2l's NiN: blocks of 96 (11x11, stride 4), 256 (5x5, pad 2), 384 (3x3, pad 1) and the classes (3x3, pad 1). */
    public static Model nin(Shape input, int classes) {
        Zoo.check("NiN", input, classes);
        Sequential x = Model.sequential("nin").input(input);
        x = ninBlock(x, 96, 11, 4, 0).maxPool(3, 2);
        x = ninBlock(x, 256, 5, 1, 2).maxPool(3, 2);
        x = ninBlock(x, 384, 3, 1, 1).maxPool(3, 2).dropout(0.5).named(Zoo.FEATURES);
        return head(x, classes);
    }

    /** A kernel x kernel convolution (given stride and padding) then two 1x1 convolutions, all with ReLU. */
    public static <T extends LayerChain<T>> T ninBlock(T x, int filters, int kernel, int stride, int padding) {
        return x.conv(filters, kernel).stride(stride).padding(padding).relu()
                .conv(filters, 1).relu()
                .conv(filters, 1).relu();
    }

    /** NiN for 28x28 or 32x32 images: blocks of 48 (5x5), 96 (5x5) and 128 (3x3), 'same' padded; 28 -> 13 -> 6 -> 2. */
    public static Model reduced(Shape input, int classes) {
        Zoo.check("NiN (reduced)", input, classes);
        Sequential x = Model.sequential("nin-reduced").input(input);
        x = ninBlock(x, 48, 5, 1, 2).maxPool(3, 2);
        x = ninBlock(x, 96, 5, 1, 2).maxPool(3, 2);
        x = ninBlock(x, 128, 3, 1, 1).maxPool(3, 2).dropout(0.5).named(Zoo.FEATURES);
        return head(x, classes);
    }

    /** The class block: one channel per class, averaged over all positions, then softmax. */
    private static Model head(Sequential x, int classes) {
        return ninBlock(x, classes, 3, 1, 1).globalAvgPool().softmax().build();
    }
}
