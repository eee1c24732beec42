package io.neurite.model;

import io.neurite.core.Shape;
import io.neurite.layers.AdditiveAttention;
import io.neurite.layers.Add;
import io.neurite.layers.Concat;
import io.neurite.layers.CrossAttention;
import io.neurite.layers.LayerSpec;
import io.neurite.layers.RepeatAlong;
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

    /** This value and the others joined along channels (images) or features (vectors; sequences step by step). */
    public Node concat(Node... others) { return graph.addNode(new Concat(), with(others)); }

    /**
     * Multi-head attention of this sequence (the queries) over {@code memory}, a sequence of any length and features
     * whose padded steps are never attended to (a Transformer decoder over its encoder's output); see
     * {@link CrossAttention}.
     */
    public Node attendTo(Node memory, int heads) { return graph.addNode(new CrossAttention(heads), List.of(this, memory)); }

    /**
     * This vector repeated at every step of {@code sequence}, (f) to (sequence's steps, f): a context beside each step
     * of a decoder ({@code y.concat(context.repeatAlong(y))}); see {@link RepeatAlong}.
     */
    public Node repeatAlong(Node sequence) { return graph.addNode(new RepeatAlong(), List.of(this, sequence)); }

    /**
     * Additive (Bahdanau) attention of this sequence (the queries) over {@code memory} (keys and values), with
     * {@code hiddens} hidden units; padded memory steps get weight 0. Output (this sequence's steps, memory
     * features); see {@link AdditiveAttention}.
     */
    public Node additiveAttention(Node memory, int hiddens) {
        return graph.addNode(new AdditiveAttention(hiddens), List.of(this, memory));
    }

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
