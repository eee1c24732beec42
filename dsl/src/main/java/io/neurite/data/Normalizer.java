package io.neurite.data;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import java.util.function.Supplier;

/**
 * Feature scaling fitted on training data and applied unchanged to other data, over DL4J's normalizers:
 * {@link #standardize()} maps each feature to (x - mean) / std; {@link #minMax()} maps it to (x - min) / (max - min).
 */
public final class Normalizer {
    private final Supplier<DataNormalization> factory;

    private Normalizer(Supplier<DataNormalization> factory) {
        this.factory = factory;
    }

    /** Zero mean, unit variance per feature (statistics of the fitted data). */
    public static Normalizer standardize() {
        return new Normalizer(NormalizerStandardize::new);
    }

    /** Each feature scaled to [0, 1] by the fitted data's minimum and maximum. */
    public static Normalizer minMax() {
        return new Normalizer(NormalizerMinMaxScaler::new);
    }

    /** Learns the statistics of {@code train}'s features. */
    public Fitted fit(Dataset train) {
        DataNormalization n = factory.get();
        n.fit(train.toDataSet());
        return new Fitted(n);
    }

    /** A normalizer with its statistics learned; applying it never changes them. */
    public static final class Fitted {
        private final DataNormalization normalization;

        private Fitted(DataNormalization normalization) {
            this.normalization = normalization;
        }

        /** A normalized copy of {@code data}; the input is left unchanged. */
        public Dataset apply(Dataset data) {
            DataSet copy = new DataSet(data.features().dup(), data.labels());
            normalization.preProcess(copy);
            return Dataset.of(copy.getFeatures(), data.labels()).withClassNames(data.classNames());
        }
    }
}
