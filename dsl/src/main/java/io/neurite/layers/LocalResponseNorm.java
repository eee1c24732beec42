package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * AlexNet's local response normalization across channels: b_i = a_i / (k + alpha * sum_{j near i} a_j^2)^beta over
 * {@code n} neighbouring channels.
 */
public record LocalResponseNorm(double k, int n, double alpha, double beta) implements LayerSpec {
    /** AlexNet's constants: k = 2, n = 5, alpha = 1e-4, beta = 0.75. */
    public static LocalResponseNorm alexNet() { return new LocalResponseNorm(2, 5, 1e-4, 0.75); }

    @Override public String type() { return "LRN"; }

    @Override public String details() { return "n " + n; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.requireImage(LayerSpec.single(inputs), "local response normalization");
    }
}
