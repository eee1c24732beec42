package io.neurite.zoo;

import io.neurite.core.Init;
import io.neurite.core.Shape;
import io.neurite.model.LayerChain;

/** Names and checks shared by the architectures. */
public final class Zoo {
    /** The name every zoo model gives its last feature layer (the one before the classifier). */
    public static final String FEATURES = "features";

    private Zoo() { }

    /**
     * A kernel x kernel convolution without bias (given stride and explicit padding), He-initialized, then batch norm:
     * the conv-BN unit of GoogLeNet (torchvision), ResNet and DenseNet. The caller adds the activation.
     */
    public static <T extends LayerChain<T>> T convBn(T x, int filters, int kernel, int stride, int padding) {
        return x.conv(filters, kernel).stride(stride).padding(padding).noBias().init(Init.he()).batchNorm();
    }

    /** Fails unless {@code input} is an image and {@code classes} is at least 2, naming the model. */
    static void check(String model, Shape input, int classes) {
        if (input == null || !input.isImage()) {
            throw new IllegalArgumentException(model + " takes images: pass Shape.image(height, width, channels), got "
                    + input);
        }
        if (classes < 2) throw new IllegalArgumentException(model + " needs at least 2 classes, got " + classes);
    }
}
