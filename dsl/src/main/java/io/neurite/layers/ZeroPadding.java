package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/** Adds rows and columns of zeros around an image: (h, w, c) -> (h + top + bottom, w + left + right, c). */
public record ZeroPadding(int top, int bottom, int left, int right) implements LayerSpec {
    @Override public String type() { return "ZeroPadding2D"; }

    @Override public String details() { return top + "," + bottom + "," + left + "," + right; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.requireImage(LayerSpec.single(inputs), "zero padding");
        return Shape.image(in.height() + top + bottom, in.width() + left + right, in.channels());
    }
}
