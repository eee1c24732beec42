package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/** Image (h, w, c) to vector (h*w*c). Optional: a dense layer after a convolution flattens by itself. */
public record Flatten() implements LayerSpec {
    @Override public String type() { return "Flatten"; }

    @Override public String details() { return ""; }

    @Override public Shape outputShape(List<Shape> inputs) { return Shape.vector(LayerSpec.single(inputs).elements()); }
}
