package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/** Joins inputs along channels (images of equal height and width) or features (vectors), as in Inception and DenseNet. */
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
                    : s.isVector() && first.isVector();
            if (!fits) {
                throw new ShapeMismatch("inputs " + inputs, first.isImage()
                        ? "images of the same height and width" : "vectors",
                        "use 'same' padding on every branch so spatial sizes agree");
            }
            total += first.isImage() ? s.channels() : s.dims()[0];
        }
        return first.isImage() ? Shape.image(first.height(), first.width(), total) : Shape.vector(total);
    }
}
