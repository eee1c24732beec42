package io.neurite.data;

import java.util.List;

/** Fisher's iris flowers: 4 measurements (cm: sepal length, sepal width, petal length, petal width), 3 species. Features are the raw measurements (normalize with {@link Normalizer}); labels one-hot. */
public final class Iris {
    public static final DatasetInfo INFO = new DatasetInfo("iris", "Fisher's iris flowers: 4 measurements (cm: sepal length, sepal width, petal length, petal width), 3 species",
            "scikit-learn 1.2.1 bundled data (Debian package python3-sklearn)", "BSD-3-Clause (scikit-learn)",
            "150 examples, no canonical split; trainTest(seed) shuffles and keeps 80% (120) for training", List.of("setosa", "versicolor", "virginica"));

    private Iris() { }

    /** All examples, in file order (embedded: the whole dataset is small). */
    public static Dataset load() {
        return SklearnCsv.withHeader(DataFile.mini("sklearn", "iris.csv"));
    }

    /** A shuffled 80/20 train/test split fixed by {@code seed}. */
    public static TrainTest trainTest(long seed) {
        return SklearnCsv.split(load(), seed);
    }
}
