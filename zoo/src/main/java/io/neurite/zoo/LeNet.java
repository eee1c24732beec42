package io.neurite.zoo;

import io.neurite.core.Shape;
import io.neurite.model.Model;

/**
 * LeNet-5 (LeCun et al., 1998) in the course's modern form: ReLU instead of scaled tanh, max instead of average
 * subsampling. Two 5x5 convolutions (6 and 16 filters), each followed by 2x2 pooling, then dense 120, 84 and the
 * classes. On 32x32x1 with 10 classes: 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706 parameters.
 */
public final class LeNet {
    private LeNet() { }

    /** The course's LeNet-5 on 32x32 images: 32 -conv5-> 28 -pool-> 14 -conv5-> 10 -pool-> 5, so 5x5x16 = 400 features. */
    public static Model lenet5(Shape input, int classes) {
        Zoo.check("LeNet-5", input, classes);
        return build("lenet5", input, classes, 0);
    }

    /**
     * LeNet-5 for 28x28 images (MNIST, Fashion-MNIST), as Dive into Deep Learning builds it: the first convolution pads
     * 2 pixels per side so 28x28 stays 28x28 and the rest, parameter count included, is the 32x32 network's.
     */
    public static Model lenet5Mnist(Shape input, int classes) {
        Zoo.check("LeNet-5 (28x28)", input, classes);
        return build("lenet5-28", input, classes, 2);
    }

    private static Model build(String name, Shape input, int classes, int firstPadding) {
        return Model.sequential(name).input(input)
                .conv(6, 5).padding(firstPadding).relu()
                .maxPool(2)
                .conv(16, 5).relu()
                .maxPool(2)
                .flatten().named(Zoo.FEATURES)
                .dense(120).relu()
                .dense(84).relu()
                .dense(classes).softmax()
                .build();
    }
}
