package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * Nearest-neighbour upsampling: each pixel repeated {@code size} times along rows and columns,
 * (h, w, c) -> (h * size, w * size, c); no params.
 */
public record Upsampling2D(int size) implements LayerSpec {
    public Upsampling2D {
        if (size < 1) throw new IllegalArgumentException("upsampling needs a factor of at least 1, got " + size);
    }

    @Override public String type() { return "Upsampling2D"; }

    @Override public String details() { return "x" + size; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.requireImage(LayerSpec.single(inputs), "upsampling");
        return Shape.image(in.height() * size, in.width() * size, in.channels());
    }
}
