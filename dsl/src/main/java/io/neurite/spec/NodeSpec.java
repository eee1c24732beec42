package io.neurite.spec;

import io.neurite.layers.LayerSpec;
import java.io.Serializable;
import java.util.List;

/** One layer of a built model: its unique name, what it computes, and the names of the nodes it reads. */
public record NodeSpec(String name, LayerSpec layer, List<String> inputs) implements Serializable {
    public NodeSpec {
        inputs = List.copyOf(inputs);
    }
}
