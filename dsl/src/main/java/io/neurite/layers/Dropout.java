package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/** Inverted dropout: in training each value is zeroed with probability {@code rate} and the rest scaled by 1/(1-rate). */
public record Dropout(double rate) implements LayerSpec {
    public Dropout {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate is the fraction dropped, in [0, 1); got " + rate);
        }
    }

    @Override public String type() { return "Dropout"; }

    @Override public String details() { return "rate " + rate; }

    @Override public Shape outputShape(List<Shape> inputs) { return LayerSpec.single(inputs); }
}
