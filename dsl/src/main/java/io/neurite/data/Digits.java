package io.neurite.data;

import java.util.List;

/**
 * scikit-learn's 8x8 handwritten digits (UCI optical recognition, 1,797 examples): 64 grey levels in 0..16, scaled
 * here to [0, 1] (divided by 16). Use {@code asImages(8, 8, 1)} for convolutions.
 */
public final class Digits {
    public static final DatasetInfo INFO = new DatasetInfo("digits", "8x8 handwritten digits, grey levels 0-16",
            "scikit-learn 1.2.1 bundled data (UCI optical recognition of handwritten digits)",
            "BSD-3-Clause (scikit-learn); UCI data CC BY 4.0",
            "1,797 examples, no canonical split; trainTest(seed) shuffles and keeps 80% for training",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

    private Digits() { }

    /** All 1,797 examples as flat vectors [1797, 64] in [0, 1]. */
    public static Dataset load() {
        Dataset raw = SklearnCsv.headerless(DataFile.mini("sklearn", "digits.csv.gz"), 1797, 64, INFO.classNames());
        return Dataset.of(raw.features().div(16.0), raw.labels()).withClassNames(INFO.classNames());
    }

    /** A shuffled 80/20 train/test split fixed by {@code seed}. */
    public static TrainTest trainTest(long seed) {
        return SklearnCsv.split(load(), seed);
    }
}
