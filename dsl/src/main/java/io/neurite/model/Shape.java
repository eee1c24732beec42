package io.neurite.model;

import java.io.Serializable;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * The shape of one example, without the batch dimension: a vector of {@code size} features, an image of
 * height x width x channels (stored channels-first, [batch, channels, height, width], as DL4J convolutions expect),
 * or a sequence of {@code features} per step over {@code steps} time steps ([batch, features, steps]).
 */
public record Shape(Kind kind, long[] dims) implements Serializable {
    /** What kind of example a shape describes. */
    public enum Kind { VECTOR, IMAGE, SEQUENCE }

    public Shape {
        dims = dims.clone();
        for (long d : dims) {
            if (d < 1 && !(kind == Kind.SEQUENCE && d == -1)) {
                throw new IllegalArgumentException("shape dimensions must be positive, got " + Arrays.toString(dims));
            }
        }
    }

    /** A feature vector of the given length. */
    public static Shape vector(long size) { return new Shape(Kind.VECTOR, new long[] {size}); }

    /** An image of height x width x channels. */
    public static Shape image(long height, long width, long channels) {
        return new Shape(Kind.IMAGE, new long[] {height, width, channels});
    }

    /** A sequence of {@code steps} time steps with {@code features} values each; steps -1 means variable length. */
    public static Shape sequence(long features, long steps) {
        return new Shape(Kind.SEQUENCE, new long[] {features, steps});
    }

    public boolean isImage() { return kind == Kind.IMAGE; }

    public boolean isVector() { return kind == Kind.VECTOR; }

    public long height() { return requireImage("height")[0]; }

    public long width() { return requireImage("width")[1]; }

    public long channels() { return requireImage("channels")[2]; }

    /** Vector length, image height*width*channels, or features*steps. */
    public long elements() {
        long n = 1;
        for (long d : dims) n *= Math.abs(d);
        return n;
    }

    /** Number of values a following dense layer sees per example (vectors: size; images: h*w*c; sequences: features per step). */
    public long flatSize() {
        return kind == Kind.SEQUENCE ? dims[0] : elements();
    }

    /** The ND4J array shape of one example: [size], [channels, height, width] or [features, steps]. */
    public long[] arrayShape() {
        return switch (kind) {
            case VECTOR -> new long[] {dims[0]};
            case IMAGE -> new long[] {dims[2], dims[0], dims[1]};
            case SEQUENCE -> new long[] {dims[0], dims[1]};
        };
    }

    /** DL4J's InputType for the same shape. */
    public InputType toInputType() {
        return switch (kind) {
            case VECTOR -> InputType.feedForward(dims[0]);
            case IMAGE -> InputType.convolutional(dims[0], dims[1], dims[2]);
            case SEQUENCE -> InputType.recurrent(dims[0], dims[1]);
        };
    }

    private long[] requireImage(String what) {
        if (kind != Kind.IMAGE) throw new IllegalStateException(what + " is defined for images, not for " + this);
        return dims;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && s.kind == kind && Arrays.equals(s.dims, dims);
    }

    @Override
    public int hashCode() { return kind.hashCode() * 31 + Arrays.hashCode(dims); }

    /** Keras style, batch dimension omitted: (784), (28, 28, 1) as height, width, channels, or (steps, features). */
    @Override
    public String toString() {
        return switch (kind) {
            case VECTOR -> "(" + dims[0] + ")";
            case IMAGE -> "(" + dims[0] + ", " + dims[1] + ", " + dims[2] + ")";
            case SEQUENCE -> "(" + (dims[1] == -1 ? "None" : dims[1]) + ", " + dims[0] + ")";
        };
    }
}
