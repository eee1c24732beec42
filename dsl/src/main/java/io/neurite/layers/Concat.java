package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * Joins inputs along channels (images of equal height and width, as in Inception and DenseNet) or features (vectors;
 * sequences of equal steps, step by step).
 */
public record Concat() implements LayerSpec {
    @Override public String type() { return "Concat"; }

    @Override public String details() { return ""; }

    @Override public int arity() { return MANY; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape first = inputs.get(0);
        long total = 0;
        for (Shape s : inputs) {
            boolean fits = first.isImage()
                    ? s.isImage() && s.height() == first.height() && s.width() == first.width()
                    : first.isSequence() ? s.isSequence() && s.steps() == first.steps()
                    : s.isVector() && first.isVector();
            if (!fits) {
                throw new ShapeMismatch("inputs " + inputs, first.isImage() ? "images of the same height and width"
                        : first.isSequence() ? "sequences of the same steps" : "vectors",
                        first.isSequence() ? "join sequences of equal steps; a vector joins each step after vector.repeatAlong(sequence)"
                                : "use 'same' padding on every branch so spatial sizes agree");
            }
            total += first.isImage() ? s.channels() : first.isSequence() ? s.features() : s.dims()[0];
        }
        return first.isImage() ? Shape.image(first.height(), first.width(), total)
                : first.isSequence() ? Shape.sequence(first.steps(), total) : Shape.vector(total);
    }
}
