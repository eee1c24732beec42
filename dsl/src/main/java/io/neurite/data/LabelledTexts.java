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

    /** A dataset of already-encoded {@code features} (one row per text, e.g. {@link Vocabulary#bagOfWords}) and one-hot labels. */
    public Dataset toDataset(INDArray features) {
        return Dataset.of(features, Dataset.oneHot(labels, classNames.size())).withClassNames(classNames);
    }

    /** Train and test texts. */
    public record Split(LabelledTexts train, LabelledTexts test) { }
}
