package io.neurite.layers;

import io.neurite.core.Shape;
import java.io.Serializable;

/**
 * Convolution and pooling padding. VALID: no padding, out = floor((W - F) / S) + 1. SAME: out = ceil(W / S), zeros
 * added as needed. EXPLICIT: {@code rows} and {@code cols} zeros on each side, out = floor((W - F + 2P) / S) + 1.
 */
public record Padding(Mode mode, int rows, int cols) implements Serializable {
    public enum Mode { VALID, SAME, EXPLICIT }

    public static Padding valid() { return new Padding(Mode.VALID, 0, 0); }

    public static Padding same() { return new Padding(Mode.SAME, 0, 0); }

    /** {@code rows} zeros above and below, {@code cols} left and right; 0 and 0 is {@link #valid()}. */
    public static Padding of(int rows, int cols) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("padding must be >= 0, got " + rows + "x" + cols);
        return rows == 0 && cols == 0 ? valid() : new Padding(Mode.EXPLICIT, rows, cols);
    }

    /** Output length along one axis for input length {@code in}, window {@code window}, step {@code stride}. */
    long output(long in, int window, int stride, int pad) {
        return switch (mode) {
            case SAME -> (in + stride - 1) / stride;
            case VALID -> Math.floorDiv(in - window, stride) + 1;
            case EXPLICIT -> Math.floorDiv(in - window + 2L * pad, stride) + 1;
        };
    }

    /**
     * The image a {@code window} (a kernel's reach, dilation included, or a pooling window) sliding by {@code stride}
     * makes of {@code in}: height and width as {@link #output} gives them, {@code channels} channels. Fails naming
     * {@code what} ("a 5x5 kernel", "a 2x2 window") when the input is too small to give one output pixel.
     */
    Shape slide(Shape in, Size2 window, Size2 stride, long channels, String what) {
        long h = output(in.height(), window.rows(), stride.rows(), rows);
        long w = output(in.width(), window.cols(), stride.cols(), cols);
        if (h < 1 || w < 1) {
            throw new ShapeMismatch("input " + in, "at least " + window + " spatially for " + what + " with " + this
                    + " padding", "use .same() padding, a smaller " + what.substring(what.lastIndexOf(' ') + 1)
                    + ", or fewer pooling layers before it");
        }
        return Shape.image(h, w, channels);
    }

    @Override
    public String toString() {
        return mode == Mode.EXPLICIT ? "pad " + rows + "x" + cols : mode.name().toLowerCase();
    }
}
