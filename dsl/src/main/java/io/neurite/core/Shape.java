package io.neurite.core;

import java.io.Serializable;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * The shape of one example, without the batch dimension, as the course writes it: a vector of {@code size} features;
 * an image of height x width x channels (stored channels first, [batch, channels, height, width], as in PyTorch and
 * DL4J); a sequence of {@code steps} time steps with {@code features} values each (stored batch first,
 * [batch, steps, features], as in Keras and PyTorch's batch_first); or a sequence of token ids ([batch, steps], each a
 * whole number in [0, vocabulary size)) that feeds an embedding layer. Sequence steps may be {@link #VARIABLE}.
 */
public record Shape(Kind kind, long[] dims) implements Serializable {
    /** What kind of example a shape describes. */
    public enum Kind { VECTOR, IMAGE, SEQUENCE, TOKENS }

    /** Steps of a sequence whose length varies from example to example (padded and masked in batches). */
    public static final long VARIABLE = -1;

    public Shape {
        dims = dims.clone();
        for (int i = 0; i < dims.length; i++) {
            boolean steps = (kind == Kind.SEQUENCE || kind == Kind.TOKENS) && i == 0;
            if (dims[i] < 1 && !(steps && dims[i] == VARIABLE)) {
                throw new IllegalArgumentException("shape dimensions must be positive" + (steps
                        ? " (steps may be Shape.VARIABLE)" : "") + ", got " + Arrays.toString(dims));
            }
        }
    }

    /** A feature vector of the given length. */
    public static Shape vector(long size) { return new Shape(Kind.VECTOR, new long[] {size}); }

    /** An image of height x width x channels. */
    public static Shape image(long height, long width, long channels) {
        return new Shape(Kind.IMAGE, new long[] {height, width, channels});
    }

    /** A sequence of {@code steps} time steps (or {@link #VARIABLE}) with {@code features} values each. */
    public static Shape sequence(long steps, long features) {
        return new Shape(Kind.SEQUENCE, new long[] {steps, features});
    }

    /**
     * A sequence of {@code steps} token ids (or {@link #VARIABLE}) from a vocabulary of {@code vocabularySize}
     * (e.g. {@code Vocabulary.sequences} output with {@code Vocabulary.size()}); an embedding layer reads it.
     */
    public static Shape tokens(long steps, long vocabularySize) {
        return new Shape(Kind.TOKENS, new long[] {steps, vocabularySize});
    }

    public boolean isImage() { return kind == Kind.IMAGE; }

    public boolean isVector() { return kind == Kind.VECTOR; }

    public boolean isSequence() { return kind == Kind.SEQUENCE; }

    public boolean isTokens() { return kind == Kind.TOKENS; }

    public long height() { return require(Kind.IMAGE, "height")[0]; }

    public long width() { return require(Kind.IMAGE, "width")[1]; }

    public long channels() { return require(Kind.IMAGE, "channels")[2]; }

    /** Time steps of a sequence or token sequence, or {@link #VARIABLE}. */
    public long steps() {
        if (kind != Kind.SEQUENCE && kind != Kind.TOKENS) throw notFor("steps");
        return dims[0];
    }

    /** Values per step of a sequence. */
    public long features() { return require(Kind.SEQUENCE, "features")[1]; }

    /** How many different token ids a token sequence may hold. */
    public long vocabularySize() { return require(Kind.TOKENS, "vocabularySize")[1]; }

    /** True for a sequence or token sequence whose steps vary between examples. */
    public boolean isVariableLength() { return (isSequence() || isTokens()) && dims[0] == VARIABLE; }

    /** Vector length, image height*width*channels, steps*features, or steps (a variable length counts as 1). */
    public long elements() {
        return switch (kind) {
            case VECTOR, IMAGE -> Arrays.stream(dims).reduce(1, (a, b) -> a * b);
            case SEQUENCE -> Math.abs(dims[0]) * dims[1];
            case TOKENS -> Math.abs(dims[0]);
        };
    }

    /** Values a following dense layer sees per example: vector size, h*w*c for images, features per step for sequences. */
    public long flatSize() {
        return kind == Kind.SEQUENCE ? dims[1] : elements();
    }

    /** The array shape of one example: [size], [channels, height, width], [steps, features] or [steps]. */
    public long[] arrayShape() {
        return switch (kind) {
            case VECTOR -> new long[] {dims[0]};
            case IMAGE -> new long[] {dims[2], dims[0], dims[1]};
            case SEQUENCE -> new long[] {dims[0], dims[1]};
            case TOKENS -> new long[] {dims[0]};
        };
    }

    /** DL4J's InputType for vectors and images (sequence layouts are the compiler's business). */
    public InputType toInputType() {
        return switch (kind) {
            case VECTOR -> InputType.feedForward(dims[0]);
            case IMAGE -> InputType.convolutional(dims[0], dims[1], dims[2]);
            case SEQUENCE, TOKENS -> throw new IllegalStateException("sequence input types are set by the compiler");
        };
    }

    private long[] require(Kind wanted, String what) {
        if (kind != wanted) throw notFor(what);
        return dims;
    }

    private IllegalStateException notFor(String what) {
        return new IllegalStateException(what + " is not defined for " + kind.name().toLowerCase() + " shape " + this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && s.kind == kind && Arrays.equals(s.dims, dims);
    }

    @Override
    public int hashCode() { return kind.hashCode() * 31 + Arrays.hashCode(dims); }

    /** Keras style, batch dimension omitted: (784), (28, 28, 1) as height, width, channels, (steps, features), (steps) of tokens. */
    @Override
    public String toString() {
        String steps = dims.length > 0 && dims[0] == VARIABLE ? "None" : String.valueOf(dims[0]);
        return switch (kind) {
            case VECTOR -> "(" + dims[0] + ")";
            case IMAGE -> "(" + dims[0] + ", " + dims[1] + ", " + dims[2] + ")";
            case SEQUENCE -> "(" + steps + ", " + dims[1] + ")";
            case TOKENS -> "(" + steps + ") tokens < " + dims[1];
        };
    }
}
