package io.neurite.spec;

import io.neurite.core.Shape;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A complete model definition in the user's words, validated: named inputs with their shapes, layers in an order where
 * every layer comes after its inputs, the output layers, the seed, the number type and the convolution engine. The
 * compiler turns it into a DL4J graph.
 */
public record ModelSpec(String name, Map<String, Shape> inputs, List<NodeSpec> nodes, List<String> outputs,
                        long seed, DataType dataType, Convolutions convolutions) implements Serializable {
    public ModelSpec {
        java.util.Objects.requireNonNull(convolutions, "convolutions");
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
    }

    /** The output shape of every input and layer, by name, in definition order. */
    public Map<String, Shape> shapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>(inputs);
        for (NodeSpec node : nodes) {
            List<Shape> in = new ArrayList<>();
            for (String i : node.inputs()) in.add(shapes.get(i));
            shapes.put(node.name(), node.layer().outputShape(in));
        }
        return shapes;
    }

    /** The node with this name; fails naming the known layers when there is none. */
    public NodeSpec node(String layerName) {
        return nodes.stream().filter(n -> n.name().equals(layerName)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("model '" + name + "' has no layer '" + layerName + "'; its layers are "
                        + nodes.stream().map(NodeSpec::name).toList()));
    }

    /** The names of the nodes that read {@code nodeName}. */
    public List<String> consumers(String nodeName) {
        return nodes.stream().filter(n -> n.inputs().contains(nodeName)).map(NodeSpec::name).toList();
    }

    /** The spec with the layer named {@code layerName} replaced. */
    public ModelSpec withNode(NodeSpec replacement) {
        List<NodeSpec> copy = new ArrayList<>(nodes);
        copy.replaceAll(n -> n.name().equals(replacement.name()) ? replacement : n);
        return new ModelSpec(name, inputs, copy, outputs, seed, dataType, convolutions);
    }

    /** The same definition computed with another convolution engine. */
    public ModelSpec withConvolutions(Convolutions engine) {
        return new ModelSpec(name, inputs, nodes, outputs, seed, dataType, engine);
    }
}
