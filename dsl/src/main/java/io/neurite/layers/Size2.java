package io.neurite.layers;

import java.io.Serializable;

/** A height x width pair: kernel, stride or dilation of a 2-D layer. */
public record Size2(int rows, int cols) implements Serializable {
    public Size2 {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("sizes must be >= 1, got " + rows + "x" + cols);
    }

    public static Size2 square(int n) { return new Size2(n, n); }

    /**
     * A size for the setting {@code what} ("kernel", "stride", "dilation", "pooling window"); fails naming the setting,
     * the value and what it means when either side is below 1.
     */
    public static Size2 of(String what, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a " + what + " of " + rows + "x" + cols + " is not possible: each side must"
                    + " be at least 1 (" + MEANING.getOrDefault(what, "1 is the smallest") + ")");
        }
        return new Size2(rows, cols);
    }

    private static final java.util.Map<String, String> MEANING = java.util.Map.of(
            "kernel", "a kernel covers at least one pixel",
            "pooling window", "a window covers at least one pixel",
            "stride", "a stride of 1 moves one pixel at a time",
            "dilation", "a dilation of 1 means adjacent taps");

    public int[] toArray() { return new int[] {rows, cols}; }

    @Override
    public String toString() { return rows + "x" + cols; }
}
