package io.neurite.model;

import io.neurite.layers.BatchNorm;
import io.neurite.layers.Dense;
import io.neurite.layers.Dropout;
import io.neurite.layers.Flatten;
import io.neurite.layers.PReLU;

/** Fully connected layers and the layers used around them. */
public interface DenseWords<T extends Chain<T>> extends Chain<T> {
    /** Fully connected layer of {@code units} outputs (flattens images first; applied per step on sequences). */
    default T dense(int units) { return then(Dense.of(units)); }

    default T flatten() { return then(new Flatten()); }

    /** Drops each value with probability {@code rate} during training. */
    default T dropout(double rate) { return then(new Dropout(rate)); }

    default T batchNorm() { return then(BatchNorm.standard()); }

    /** Parametric ReLU with a learned slope per value. */
    default T prelu() { return then(new PReLU()); }
}
