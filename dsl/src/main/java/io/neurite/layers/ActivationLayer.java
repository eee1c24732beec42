package io.neurite.layers;

import io.neurite.core.Activation;
import io.neurite.core.Shape;
import java.util.List;

/** An activation on its own, for when the previous layer has no activation slot (pooling, batch norm, add). */
public record ActivationLayer(Activation activation) implements LayerSpec {
    @Override public String type() { return "Activation"; }

    @Override public String details() { return activation.name(); }

    @Override public Shape outputShape(List<Shape> inputs) { return LayerSpec.single(inputs); }
}
