package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * The first step of a sequence (steps, d) as a vector (d): BERT's {@code <cls>} representation (d2l 15.8), which sums
 * up a whole input through self-attention. No parameters.
 */
public record FirstStep() implements LayerSpec {
    @Override public String type() { return "FirstStep"; }

    @Override public String details() { return ""; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs);
        if (!in.isSequence()) {
            throw new ShapeMismatch(in.kind().name().toLowerCase() + " " + in, "a sequence (steps, features) for FirstStep",
                    in.isTokens() ? "turn token ids into vectors first with .embedding(dimensions)"
                            : "FirstStep reads sequences; a vector is already one step");
        }
        return Shape.vector(in.features());
    }
}
