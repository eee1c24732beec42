package io.neurite.data;

import java.util.List;

/** UCI wine recognition: 13 chemical measurements of wines from 3 cultivars. Features are the raw measurements (normalize with {@link Normalizer}); labels one-hot. */
public final class Wine {
    public static final DatasetInfo INFO = new DatasetInfo("wine", "UCI wine recognition: 13 chemical measurements of wines from 3 cultivars",
            "scikit-learn 1.2.1 bundled data (Debian package python3-sklearn)", "BSD-3-Clause (scikit-learn)",
            "178 examples, no canonical split; trainTest(seed) shuffles and keeps 80% for training", List.of("class_0", "class_1", "class_2"));

    private Wine() { }

    /** All examples, in file order (embedded: the whole dataset is small). */
    public static Dataset load() {
        return SklearnCsv.withHeader(DataFile.mini("sklearn", "wine_data.csv"));
    }

    /** A shuffled 80/20 train/test split fixed by {@code seed}. */
    public static TrainTest trainTest(long seed) {
        return SklearnCsv.split(load(), seed);
    }
}
