package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/** Max or average over all positions of each channel: (h, w, c) -> (c); no params. Replaces flatten + dense in NiN. */
public record GlobalPooling(Pooling2D.PoolType pool) implements LayerSpec {
    @Override public String type() { return pool == Pooling2D.PoolType.MAX ? "GlobalMaxPool" : "GlobalAvgPool"; }

    @Override public String details() { return ""; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs);
        if (in.isSequence()) return Shape.vector(in.features());
        return Shape.vector(LayerSpec.requireImage(in, "global pooling").channels());
    }
}
