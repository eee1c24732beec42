package io.neurite.layers;

import io.neurite.core.Init;
import io.neurite.core.Shape;
import java.util.List;

/**
 * Embedding of token ids: token t at each step becomes row t of a learned table E of shape [vocabulary, dimensions]
 * (a one-hot vector times E, without bias). Input token ids (steps), output a sequence (steps, dimensions); params
 * vocabulary * dimensions, as Keras' Embedding and PyTorch's nn.Embedding.
 */
public record Embedding(int dimensions, Init init) implements LayerSpec {
    public Embedding {
        if (dimensions < 1) throw new IllegalArgumentException("embedding needs at least 1 dimension, got " + dimensions);
    }

    public static Embedding of(int dimensions) { return new Embedding(dimensions, null); }

    @Override public String type() { return "Embedding"; }

    @Override public String details() { return init == null ? "" : "init " + init; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs);
        if (!in.isTokens()) {
            throw new ShapeMismatch(in.kind().name().toLowerCase() + " " + in, "token ids, Shape.tokens(steps, vocabulary)",
                    "declare the input as Shape.tokens(steps, vocabulary.size()) and feed Vocabulary.sequences(...)");
        }
        return Shape.sequence(in.steps(), dimensions);
    }

    /** The initialization used: the given one, or N(0, 1) as in PyTorch's nn.Embedding. */
    public Init effectiveInit() { return init != null ? init : Init.normal(1.0); }

    public Embedding withInit(Init i) { return new Embedding(dimensions, i); }
}
