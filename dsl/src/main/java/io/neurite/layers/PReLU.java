package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/** Parametric ReLU: g(x) = max(0, x) + a min(0, x) with a slope {@code a} learned per feature (per value of one example). */
public record PReLU() implements LayerSpec {
    @Override public String type() { return "PReLU"; }

    @Override public String details() { return ""; }

    @Override public Shape outputShape(List<Shape> inputs) { return LayerSpec.single(inputs); }
}
