package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * The last real step of each sequence: (steps, features) to (features), the step before the first padded one (the
 * last step when nothing is padded). After a recurrent layer that returns every step, this is its final state (the
 * context vector of d2l 10.7's encoder) while the steps stay available to other layers. No parameters.
 */
public record LastStep() implements LayerSpec {
    @Override public String type() { return "LastStep"; }

    @Override public String details() { return ""; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs);
        if (!in.isSequence()) {
            throw new ShapeMismatch(in.kind().name().toLowerCase() + " " + in, "a sequence (steps, features) for LastStep",
                    in.isTokens() ? "turn token ids into vectors first with .embedding(dimensions)"
                            : "take the last step of a sequence, e.g. a recurrent layer's every step");
        }
        return Shape.vector(in.features());
    }
}
