package io.neurite.layers;

import java.io.Serializable;

/** A height x width pair: kernel, stride or dilation of a 2-D layer. */
public record Size2(int rows, int cols) implements Serializable {
    public Size2 {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("sizes must be >= 1, got " + rows + "x" + cols);
    }

    public static Size2 square(int n) { return new Size2(n, n); }

    public int[] toArray() { return new int[] {rows, cols}; }

    @Override
    public String toString() { return rows + "x" + cols; }
}
