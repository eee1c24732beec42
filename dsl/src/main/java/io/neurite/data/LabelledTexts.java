package io.neurite.data;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Texts with a class index each (e.g. review sentiment: 0 negative, 1 positive). */
public record LabelledTexts(List<String> texts, int[] labels, List<String> classNames) {
    public LabelledTexts {
        texts = List.copyOf(texts);
        labels = labels.clone();
        classNames = List.copyOf(classNames);
        if (texts.size() != labels.length) {
            throw new IllegalArgumentException(texts.size() + " texts but " + labels.length + " labels");
        }
    }

    public int size() { return texts.size(); }

    /** The first {@code n} texts with their labels (all of them when there are fewer). */
    public LabelledTexts take(int n) {
        if (n < 0) throw new IllegalArgumentException("cannot take " + n + " texts; give a count of at least 0");
        int k = Math.min(n, size());
        return new LabelledTexts(texts.subList(0, k), java.util.Arrays.copyOf(labels, k), classNames);
    }

    /** A dataset of already-encoded {@code features} (one row per text, e.g. {@link Vocabulary#bagOfWords}) and one-hot labels. */
    public Dataset toDataset(INDArray features) {
        return Dataset.of(features, Dataset.oneHot(labels, classNames.size())).withClassNames(classNames);
    }

    /** Train and test texts. */
    public record Split(LabelledTexts train, LabelledTexts test) {
        /** The first {@code n} training and the first {@code n} test texts. */
        public Split take(int n) { return new Split(train.take(n), test.take(n)); }
    }
}
