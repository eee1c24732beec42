package io.neurite.layers;

import io.neurite.core.Shape;
import java.io.Serializable;
import java.util.List;

/**
 * What the user asked for in one layer: pure, immutable data. The compiler turns it into DL4J; nothing here knows
 * DL4J's layer classes.
 */
public interface LayerSpec extends Serializable {
    /** Type name shown in summaries, e.g. "Conv2D". */
    String type();

    /** Settings shown next to the type in summaries, e.g. "5x5, stride 1, valid, relu"; may be empty. */
    String details();

    /** The output shape for these input shapes; throws {@link ShapeMismatch} when the inputs do not fit. */
    Shape outputShape(List<Shape> inputs);

    /** How many inputs the layer takes: 1, or {@link #MANY} for merges (two or more). */
    default int arity() { return 1; }

    int MANY = -1;

    /** The single input of a one-input layer. */
    static Shape single(List<Shape> inputs) {
        return inputs.get(0);
    }

    /** Fails unless the input is an image. */
    static Shape requireImage(Shape in, String what) {
        if (!in.isImage()) {
            throw new ShapeMismatch(in.kind().name().toLowerCase() + " " + in,
                    "an image (height, width, channels) for " + what,
                    "declare the input as Shape.image(h, w, c) and feed images (Dataset.asImages)");
        }
        return in;
    }
}
