package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * A layer whose parameters stay fixed during training (transfer learning's feature extractor): same output as
 * {@code layer}, run in inference mode (batch norm uses its running statistics, dropout is off), and it passes no
 * gradient back. Its parameters count as non-trainable.
 */
public record Frozen(LayerSpec layer) implements LayerSpec {
    public Frozen {
        if (layer instanceof Frozen) throw new IllegalArgumentException("layer is already frozen: " + layer);
    }

    @Override public String type() { return layer.type(); }

    @Override public String details() { return layer.details().isEmpty() ? "frozen" : "frozen, " + layer.details(); }

    @Override public Shape outputShape(List<Shape> inputs) { return layer.outputShape(inputs); }

    @Override public int arity() { return layer.arity(); }
}
