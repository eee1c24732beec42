package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * A vector repeated at every step of a sequence: inputs the vector (f) and the sequence (steps, g), output
 * (steps, f), as many steps as the sequence has in each batch (a context vector fed beside each step of a decoder,
 * d2l 10.7; Keras' RepeatVector with the length taken from the sequence). No parameters.
 */
public record RepeatAlong() implements LayerSpec {
    @Override public String type() { return "RepeatAlong"; }

    @Override public String details() { return ""; }

    @Override public int arity() { return MANY; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (inputs.size() != 2) {
            throw new ShapeMismatch(inputs.size() + " inputs", "2 inputs for RepeatAlong: the vector and the sequence"
                    + " whose steps it is repeated along", "call vector.repeatAlong(sequence)");
        }
        Shape vector = inputs.get(0);
        Shape sequence = inputs.get(1);
        if (!vector.isVector()) {
            throw new ShapeMismatch(vector.kind().name().toLowerCase() + " " + vector, "a vector (features) to repeat",
                    "repeat one vector per example, e.g. .lastRealStep() of a sequence");
        }
        if (!sequence.isSequence()) {
            throw new ShapeMismatch(sequence.kind().name().toLowerCase() + " " + sequence,
                    "a sequence (steps, features) to repeat the vector along",
                    sequence.isTokens() ? "repeat along the embedded sequence (.embedding(dimensions))"
                            : "repeat along a sequence");
        }
        return Shape.sequence(sequence.steps(), vector.dims()[0]);
    }
}
