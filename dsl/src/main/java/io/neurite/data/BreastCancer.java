package io.neurite.data;

import java.util.List;

/** Wisconsin diagnostic breast cancer: 30 features of cell nuclei, malignant or benign. Features are the raw measurements (normalize with {@link Normalizer}); labels one-hot. */
public final class BreastCancer {
    public static final DatasetInfo INFO = new DatasetInfo("breast-cancer", "Wisconsin diagnostic breast cancer: 30 features of cell nuclei, malignant or benign",
            "scikit-learn 1.2.1 bundled data (Debian package python3-sklearn)", "BSD-3-Clause (scikit-learn)",
            "569 examples, no canonical split; trainTest(seed) shuffles and keeps 80% for training", List.of("malignant", "benign"));

    private BreastCancer() { }

    /** All examples, in file order (embedded: the whole dataset is small). */
    public static Dataset load() {
        return SklearnCsv.withHeader(DataFile.mini("sklearn", "breast_cancer.csv"));
    }

    /** A shuffled 80/20 train/test split fixed by {@code seed}. */
    public static TrainTest trainTest(long seed) {
        return SklearnCsv.split(load(), seed);
    }
}
