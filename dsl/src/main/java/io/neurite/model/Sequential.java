package io.neurite.model;

import io.neurite.core.Shape;
import io.neurite.layers.LayerSpec;
import io.neurite.spec.Convolutions;
import org.nd4j.linalg.api.buffer.DataType;

/** A stack of layers, each reading the one before: {@code Model.sequential("mlp").input(...).dense(...)...build()}. */
public final class Sequential extends LayerChain<Sequential> {
    private final GraphBuilder graph;
    private Node last;

    Sequential(String name) {
        this.graph = new GraphBuilder(name);
    }

    /** The shape of one example; must come before the first layer. */
    public Sequential input(Shape shape) {
        if (last != null) throw new ModelDefinitionException("input(...) must come first and only once");
        last = graph.input("input", shape);
        return this;
    }

    /** Seed for weight initialization: the same seed gives the same initial model. */
    public Sequential seed(long seed) {
        graph.seed(seed);
        return this;
    }

    /** FLOAT (default) or DOUBLE parameters and activations. */
    public Sequential dataType(DataType type) {
        graph.dataType(type);
        return this;
    }

    /** Which implementation computes the convolutions: see {@link GraphBuilder#convolutions}. */
    public Sequential convolutions(Convolutions engine) {
        graph.convolutions(engine);
        return this;
    }

    /** Validates the stack and infers every shape. */
    public Model build() {
        graph.output(current());
        return graph.build();
    }

    @Override
    public Sequential then(LayerSpec layer) {
        last = current().then(layer);
        return this;
    }

    @Override
    protected boolean fusesActivations() { return true; }

    @Override
    protected Node current() {
        if (last == null) {
            throw new ModelDefinitionException("declare the input first, e.g. .input(Shape.image(28, 28, 1))");
        }
        return last;
    }
}
