package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * Squeeze-and-excitation: y = x * sigmoid(W2 silu(W1 mean_hw(x) + b1) + b2), one gate per channel computed from all
 * channels' means through {@code reduced} hidden units; output shape = input shape; params 2 c reduced + reduced + c.
 */
public record SqueezeExcite(int reduced) implements LayerSpec {
    public SqueezeExcite {
        if (reduced < 1) {
            throw new IllegalArgumentException("squeeze-and-excitation needs at least 1 hidden unit, got " + reduced);
        }
    }

    @Override public String type() { return "SqueezeExcite"; }

    @Override public String details() { return reduced + " hidden, silu / sigmoid"; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.requireImage(LayerSpec.single(inputs), "squeeze-and-excitation");
    }
}
