package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/** Max or average over each window, channel by channel: out = (W - F + 2P) / S + 1 per axis; no params. */
public record Pooling2D(PoolType pool, Size2 window, Size2 stride, Padding padding) implements LayerSpec {
    /** Window statistic. */
    public enum PoolType { MAX, AVG }

    /** Non-overlapping pooling: stride equals the window, as in LeNet's 2x2 subsampling. */
    public static Pooling2D of(PoolType pool, int size) {
        return new Pooling2D(pool, Size2.of("pooling window", size, size), Size2.square(size), Padding.valid());
    }

    @Override public String type() { return pool == PoolType.MAX ? "MaxPool2D" : "AvgPool2D"; }

    @Override public String details() { return window + ", stride " + stride + ", " + padding; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.requireImage(LayerSpec.single(inputs), "pooling");
        return padding.slide(in, window, stride, in.channels(), "a " + window + " window");
    }

    public Pooling2D withPadding(Padding p) { return new Pooling2D(pool, window, stride, p); }

    public Pooling2D withStride(Size2 s) { return new Pooling2D(pool, window, s, padding); }
}
