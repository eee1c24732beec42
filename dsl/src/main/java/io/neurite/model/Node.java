package io.neurite.model;

import io.neurite.core.Shape;
import io.neurite.layers.Add;
import io.neurite.layers.Concat;
import io.neurite.layers.LayerSpec;
import java.util.ArrayList;
import java.util.List;

/** A value in a graph model: an input or a layer's output. Layer methods return the next value. */
public final class Node extends LayerChain<Node> {
    private final GraphBuilder graph;
    private String name;

    Node(GraphBuilder graph, String name) {
        this.graph = graph;
        this.name = name;
    }

    public String name() { return name; }

    GraphBuilder graph() { return graph; }

    /** The shape of this value, inferred from the layers before it (e.g. to size a projection in a block helper). */
    public Shape shape() { return graph.shapeOf(name); }

    void renamed(String newName) { this.name = newName; }

    /** Element-wise sum of this value and the others (a residual connection). */
    public Node add(Node... others) { return graph.addNode(new Add(), with(others)); }

    /** This value and the others joined along channels (images) or features (vectors). */
    public Node concat(Node... others) { return graph.addNode(new Concat(), with(others)); }

    @Override
    public Node then(LayerSpec layer) { return graph.addNode(layer, List.of(this)); }

    @Override
    protected boolean fusesActivations() { return false; }

    @Override
    protected Node current() { return this; }

    private List<Node> with(Node... others) {
        List<Node> all = new ArrayList<>();
        all.add(this);
        all.addAll(List.of(others));
        return all;
    }

    @Override
    public String toString() { return "Node[" + name + "]"; }
}
