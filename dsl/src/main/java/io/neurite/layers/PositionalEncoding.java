package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * Sinusoidal positional encoding (Vaswani et al. 2017, d2l 11.6) added to a sequence (steps, d):
 * y_t = x_t + p_t with p_{t, 2i} = sin(t / 10000^(2i/d)) and p_{t, 2i+1} = cos(t / 10000^(2i/d)), t from 0.
 * No parameters; output shape = input shape. ({@code nativeops.NativePositionalEncoding.table} computes p.)
 */
public record PositionalEncoding() implements LayerSpec {
    @Override public String type() { return "PositionalEncoding"; }

    @Override public String details() { return "sinusoidal"; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs);
        if (!in.isSequence()) {
            throw new ShapeMismatch(in.kind().name().toLowerCase() + " " + in,
                    "a sequence (steps, features) for PositionalEncoding",
                    in.isTokens() ? "turn token ids into vectors first with .embedding(dimensions)"
                            : "declare the input as Shape.sequence(steps, features)");
        }
        return in;
    }
}
