package io.neurite.model;

import io.neurite.layers.LayerSpec;

/**
 * Something layers can be added after: the sequential builder or a graph value. The layer words come in families
 * ({@link DenseWords}, {@link ConvolutionWords}, {@link SequenceWords}); a new family of layers is a new interface
 * of words that {@link LayerChain} implements.
 *
 * @param <T> the concrete chain type returned for fluent calls
 */
public interface Chain<T extends Chain<T>> {
    /** Adds {@code layer} after the current node and returns the chain positioned on it (any spec, word or not). */
    T then(LayerSpec layer);
}
