package io.neurite.data;

import java.util.Objects;

/** A dataset's canonical training and test parts. */
public record TrainTest(Dataset train, Dataset test) {
    public TrainTest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /** Both parts normalized with statistics fitted on {@code train} only (no information leaks from test). */
    public TrainTest normalized(Normalizer normalizer) {
        Normalizer.Fitted fitted = normalizer.fit(train);
        return new TrainTest(fitted.apply(train), fitted.apply(test));
    }

    /** Both parts with images viewed as [n, channels, height, width]. */
    public TrainTest asImages(int height, int width, int channels) {
        return new TrainTest(train.asImages(height, width, channels), test.asImages(height, width, channels));
    }

    /** The first {@code trainCount} training and {@code testCount} test examples, for quick runs. */
    public TrainTest take(int trainCount, int testCount) {
        return new TrainTest(train.take(trainCount), test.take(testCount));
    }
}
