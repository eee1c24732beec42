package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/** Element-wise sum of two or more inputs of equal shape, as in a residual connection y = F(x) + x. */
public record Add() implements LayerSpec {
    @Override public String type() { return "Add"; }

    @Override public String details() { return ""; }

    @Override public int arity() { return MANY; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        for (Shape s : inputs) {
            if (!s.equals(inputs.get(0))) {
                throw new ShapeMismatch("inputs " + inputs, "all inputs of the same shape",
                        "match them first, e.g. a 1x1 convolution with the right filters and stride on the shortcut");
            }
        }
        return inputs.get(0);
    }
}
