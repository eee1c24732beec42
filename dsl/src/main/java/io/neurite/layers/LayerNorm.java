package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * Layer normalization (Ba et al. 2016) over the features of each vector, or of each step of a sequence:
 * y = gamma * (x - mean) / sqrt(var + epsilon) + beta, mean and (biased) variance over the features, gamma and beta
 * learned per feature. Output shape = input shape; params 2 * features, as PyTorch's nn.LayerNorm(features).
 */
public record LayerNorm(double epsilon) implements LayerSpec {
    /** PyTorch's default epsilon. */
    public static final double DEFAULT_EPSILON = 1e-5;

    public LayerNorm {
        if (!(epsilon > 0)) throw new IllegalArgumentException("layer norm epsilon must be positive, got " + epsilon);
    }

    public static LayerNorm of() { return new LayerNorm(DEFAULT_EPSILON); }

    @Override public String type() { return "LayerNorm"; }

    @Override public String details() { return "epsilon " + epsilon; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs);
        if (!in.isVector() && !in.isSequence()) {
            throw new ShapeMismatch(in.kind().name().toLowerCase() + " " + in,
                    "vectors or a sequence of feature vectors for LayerNorm",
                    in.isTokens() ? "turn token ids into vectors first with .embedding(dimensions)" : "flatten() first");
        }
        return in;
    }
}
