package io.neurite.layers;

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

    @Override
    public String toString() {
        return mode == Mode.EXPLICIT ? "pad " + rows + "x" + cols : mode.name().toLowerCase();
    }
}
