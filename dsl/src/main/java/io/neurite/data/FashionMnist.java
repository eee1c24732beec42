package io.neurite.data;

import java.util.List;

/**
 * Fashion-MNIST (Zalando): 28x28 grey images of 10 kinds of clothing, a harder drop-in for MNIST. Features are flat
 * vectors of 784 values in [0, 1]; labels are one-hot over the 10 classes.
 */
public final class FashionMnist {
    public static final DatasetInfo INFO = new DatasetInfo("fashion-mnist",
            "Zalando article images, 28x28 grey levels, 10 classes",
            "Zalando Research (H. Xiao, K. Rasul, R. Vollgraf); Debian package dataset-fashion-mnist",
            "MIT",
            "60,000 train / 10,000 test (mini: first 2,000 / first 500)",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"));

    private FashionMnist() { }

    /** The embedded 2,000 + 500 examples. */
    public static TrainTest mini() { return load(DataSize.MINI); }

    /** The 60,000 + 10,000 examples from the data home ({@code neurite data fetch fashion-mnist}). */
    public static TrainTest full() { return load(DataSize.FULL); }

    public static TrainTest load(DataSize size) {
        return IdxImages.trainTest(INFO.name(), size, INFO.classNames());
    }
}
