package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * Vector of h*w*c values to an image (h, w, c), the inverse of {@link Flatten}: value {@code i} goes to channel
 * {@code i / (h*w)}, row {@code (i / w) % h}, column {@code i % w} (row-major, channel first, as Flatten reads it);
 * no params.
 */
public record Reshape(long height, long width, long channels) implements LayerSpec {
    public Reshape {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("reshape needs a positive height, width and channels, got "
                    + height + "x" + width + "x" + channels);
        }
    }

    @Override public String type() { return "Reshape"; }

    @Override public String details() { return "to " + target(); }

    /** The image this layer produces. */
    public Shape target() { return Shape.image(height, width, channels); }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs);
        long size = height * width * channels;
        if (!in.isVector() || in.elements() != size) {
            throw new ShapeMismatch(in.kind().name().toLowerCase() + " " + in,
                    "a vector of " + height + "*" + width + "*" + channels + " = " + size + " values to reshape to "
                            + target(),
                    "put a dense(" + size + ") before reshape(" + height + ", " + width + ", " + channels
                            + "), or reshape to sizes whose product is the vector's length");
        }
        return target();
    }
}
