package io.neurite.model;

import io.neurite.layers.Embedding;

/** Layers over sequences. */
public interface SequenceWords<T extends Chain<T>> extends Chain<T> {
    /** Token ids ({@code Shape.tokens}) to vectors of {@code dimensions} learned values each. */
    default T embedding(int dimensions) { return then(Embedding.of(dimensions)); }
}
