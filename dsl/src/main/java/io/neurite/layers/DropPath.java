package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * Drop-path (stochastic depth): in training each example's whole input is zeroed with probability {@code rate} and
 * otherwise scaled by 1 / (1 - rate); at inference the identity. On a residual branch, it drops the block per example.
 */
public record DropPath(double rate) implements LayerSpec {
    public DropPath {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("drop-path rate is the probability of dropping, in [0, 1); got " + rate);
        }
    }

    @Override public String type() { return "DropPath"; }

    @Override public String details() { return "rate " + rate; }

    @Override public Shape outputShape(List<Shape> inputs) { return LayerSpec.single(inputs); }
}
