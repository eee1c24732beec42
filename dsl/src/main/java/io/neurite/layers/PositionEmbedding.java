package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * A learned position embedding (BERT; d2l 15.8) added to a sequence (steps, d): y_t = x_t + P_t, P a learned table
 * [maxSteps, d] initialized N(0, std^2) (std 1 in d2l's {@code torch.randn(1, max_len, d)}, 0.02 in BERT's own code);
 * a sequence of T steps reads rows 0..T-1. Params maxSteps * d; output shape = input shape.
 */
public record PositionEmbedding(int maxSteps, double std) implements LayerSpec {
    public PositionEmbedding {
        if (maxSteps < 1) throw new IllegalArgumentException("a position embedding needs at least 1 position, got " + maxSteps);
        if (!(std > 0)) throw new IllegalArgumentException("a position embedding's initial std must be positive, got " + std);
    }

    @Override public String type() { return "PositionEmbedding"; }

    @Override public String details() { return "learned, " + maxSteps + " positions, init normal(" + std + ")"; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs);
        if (!in.isSequence()) {
            throw new ShapeMismatch(in.kind().name().toLowerCase() + " " + in,
                    "a sequence (steps, features) for PositionEmbedding",
                    in.isTokens() ? "turn token ids into vectors first with .embedding(dimensions)"
                            : "declare the input as Shape.sequence(steps, features)");
        }
        if (!in.isVariableLength() && in.steps() > maxSteps) {
            throw new ShapeMismatch("a sequence of " + in.steps() + " steps", "at most " + maxSteps + " steps, the positions"
                    + " learned", "use positionEmbedding(" + in.steps() + ") or shorter sequences");
        }
        return in;
    }
}
