package io.neurite.model;

import io.neurite.layers.Embedding;
import io.neurite.layers.FirstStep;
import io.neurite.layers.LastStep;

/** Layers over sequences. */
public interface SequenceWords<T extends Chain<T>> extends Chain<T> {
    /** Token ids ({@code Shape.tokens}) to vectors of {@code dimensions} learned values each. */
    default T embedding(int dimensions) { return then(Embedding.of(dimensions)); }

    /** The first step of a sequence (steps, d) as a vector (d): BERT's {@code <cls>} representation. */
    default T firstStep() { return then(new FirstStep()); }

    /**
     * The last real (unpadded) step of each sequence, (steps, f) to (f): a recurrent encoder's final state, while its
     * every step stays readable by other layers (for one output only, end the recurrent layer with {@code .lastStep()}).
     */
    default T lastRealStep() { return then(new LastStep()); }
}
