package io.neurite.layers;

import io.neurite.core.Activation;
import io.neurite.core.Init;
import io.neurite.core.Shape;
import java.util.List;

/** Fully connected layer: y = g(x W + b), W of shape [in, units]; params in*units + units. Images are flattened first. */
public record Dense(int units, Activation activation, Init init, Penalty penalty) implements WeightedLayer {
    public Dense {
        if (units < 1) throw new IllegalArgumentException("dense layer needs at least 1 unit, got " + units);
    }

    public static Dense of(int units) { return new Dense(units, Activation.linear(), null, Penalty.NONE); }

    @Override public String type() { return "Dense"; }

    @Override public String details() { return weightDetails(); }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs);
        if (in.isTokens()) {
            throw new ShapeMismatch("token ids " + in, "numbers (vectors, images or sequences of features)",
                    "turn token ids into vectors first with .embedding(dimensions)");
        }
        return in.isSequence() ? Shape.sequence(in.steps(), units) : Shape.vector(units);
    }

    @Override public Dense withActivation(Activation a) { return new Dense(units, a, init, penalty); }

    @Override public Dense withInit(Init i) { return new Dense(units, activation, i, penalty); }

    @Override public Dense withPenalty(Penalty p) { return new Dense(units, activation, init, p); }
}
