package io.neurite.model;

import io.neurite.core.Shape;
import io.neurite.layers.LayerSpec;
import io.neurite.layers.ShapeMismatch;
import io.neurite.spec.Convolutions;
import io.neurite.spec.ModelSpec;
import io.neurite.spec.NodeSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds a model as a graph of values: {@link #input} gives a {@link Node}, layer methods on a node give new nodes,
 * {@link Node#add} and {@link Node#concat} merge them, {@link #output} marks the results. Layers are named
 * {@code type_k} unless {@link LayerChain#named} says otherwise.
 */
public final class GraphBuilder {
    private final String name;
    private final Map<String, Shape> inputs = new LinkedHashMap<>();
    private final List<NodeSpec> nodes = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private final Set<String> userNamed = new HashSet<>();
    private long seed = 42;
    private DataType dataType = DataType.FLOAT;
    private Convolutions convolutions = Convolutions.DEFAULT;

    GraphBuilder(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a model needs a non-empty name");
        this.name = name;
    }

    /** Seed for weight initialization (and dropout masks): the same seed gives the same initial model. */
    public GraphBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Floating-point type of parameters and activations: FLOAT (default) or DOUBLE (for gradient checks). */
    public GraphBuilder dataType(DataType type) {
        this.dataType = type;
        return this;
    }

    /**
     * Which implementation computes the {@code Conv2D} layers: {@link Convolutions#NATIVE} (default; libnd4j's
     * conv2d op, about 4x faster training) or {@link Convolutions#DL4J} (DL4J's ConvolutionLayer). Both compute the
     * same function with the same parameters; {@link Model#weights} shows the same layout for both.
     */
    public GraphBuilder convolutions(Convolutions engine) {
        if (engine == null) throw new IllegalArgumentException("convolutions(...) needs an engine, e.g. Convolutions.NATIVE");
        this.convolutions = engine;
        return this;
    }

    /** A named model input of the given shape. */
    public Node input(String inputName, Shape shape) {
        requireFreshName(inputName);
        inputs.put(inputName, shape);
        return new Node(this, inputName);
    }

    /** Marks the given nodes as the model's outputs, in order. */
    public GraphBuilder output(Node... results) {
        for (Node r : results) {
            requireOwn(r);
            if (outputs.contains(r.name())) {
                throw new ModelDefinitionException("'" + r.name() + "' is listed twice as an output of model '" + name
                        + "'; each output appears once (outputs so far: " + outputs + ")");
            }
            outputs.add(r.name());
        }
        return this;
    }

    /** Validates the graph and infers every shape; fails with a {@link ModelDefinitionException} naming the problem. */
    public Model build() {
        if (inputs.isEmpty()) throw new ModelDefinitionException("model '" + name + "' has no input: call input(...)");
        if (outputs.isEmpty()) {
            throw new ModelDefinitionException("model '" + name + "' has no output: call output(node) with the last layer");
        }
        inferShapes();
        checkAllUsed(new ModelSpec(name, inputs, nodes, outputs, seed, dataType, convolutions));
        ActivationFusion.Result fused = ActivationFusion.apply(nodes, outputs, userNamed);
        return new Model(new ModelSpec(name, inputs, fused.nodes(), fused.outputs(), seed, dataType, convolutions));
    }

    Node addNode(LayerSpec layer, List<Node> from) {
        for (Node n : from) requireOwn(n);
        if (layer.arity() == 1 && from.size() != 1) {
            throw new ModelDefinitionException(layer.type() + " takes one input, got " + from.size());
        }
        if (layer.arity() == LayerSpec.MANY && from.size() < 2) {
            throw new ModelDefinitionException(layer.type() + " merges two or more inputs, got " + from.size());
        }
        String type = layer.type().toLowerCase();
        int k = counters.merge(type, 1, Integer::sum);
        String nodeName = type + "_" + k;
        while (exists(nodeName)) nodeName = type + "_" + counters.merge(type, 1, Integer::sum);
        nodes.add(new NodeSpec(nodeName, layer, from.stream().map(Node::name).toList()));
        return new Node(this, nodeName);
    }

    NodeSpec spec(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst().orElse(null);
    }

    void replace(String nodeName, LayerSpec layer) {
        nodes.replaceAll(n -> n.name().equals(nodeName) ? new NodeSpec(nodeName, layer, n.inputs()) : n);
    }

    boolean hasConsumers(String nodeName) {
        return nodes.stream().anyMatch(n -> n.inputs().contains(nodeName)) || outputs.contains(nodeName);
    }

    void rename(String from, String to) {
        if (inputs.containsKey(from)) throw new ModelDefinitionException("named(\"" + to + "\") needs a layer before it");
        requireFreshName(to);
        userNamed.add(to);
        nodes.replaceAll(n -> {
            List<String> ins = n.inputs().stream().map(i -> i.equals(from) ? to : i).toList();
            return new NodeSpec(n.name().equals(from) ? to : n.name(), n.layer(), ins);
        });
        outputs.replaceAll(o -> o.equals(from) ? to : o);
    }

    private boolean exists(String nodeName) {
        return inputs.containsKey(nodeName) || spec(nodeName) != null;
    }

    private void requireFreshName(String nodeName) {
        if (nodeName == null || nodeName.isBlank()) throw new ModelDefinitionException("layer names must be non-empty");
        if (exists(nodeName)) {
            throw new ModelDefinitionException("model '" + name + "' already has a layer or input named '" + nodeName
                    + "': names must be unique");
        }
    }

    private void requireOwn(Node n) {
        if (n.graph() != this) {
            throw new ModelDefinitionException("node '" + n.name() + "' belongs to another model than '" + name + "'");
        }
    }

    /** The shape of the named input or layer as the graph stands; fails like {@link #build} on a mismatch. */
    Shape shapeOf(String nodeName) {
        return inferShapes().get(nodeName);
    }

    private Map<String, Shape> inferShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>(inputs);
        for (NodeSpec node : nodes) {
            List<Shape> in = node.inputs().stream().map(shapes::get).toList();
            try {
                shapes.put(node.name(), node.layer().outputShape(in));
            } catch (ShapeMismatch e) {
                throw new ModelDefinitionException("layer '" + node.name() + "' (" + node.layer().type()
                        + (node.layer().details().isEmpty() ? "" : " " + node.layer().details()) + ") in model '"
                        + name + "' got " + e.got() + " from " + node.inputs() + " but expected "
                        + e.expected() + (e.fix().isEmpty() ? "" : ". Likely fix: " + e.fix()));
            }
        }
        return shapes;
    }

    private static void checkAllUsed(ModelSpec spec) {
        Set<String> reached = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(spec.outputs());
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (!reached.add(n)) continue;
            NodeSpec node = spec.nodes().stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
            if (node != null) todo.addAll(node.inputs());
        }
        List<String> unused = new ArrayList<>();
        spec.inputs().keySet().forEach(i -> { if (!reached.contains(i)) unused.add(i); });
        spec.nodes().forEach(n -> { if (!reached.contains(n.name())) unused.add(n.name()); });
        if (!unused.isEmpty()) {
            throw new ModelDefinitionException("model '" + spec.name() + "': " + unused
                    + " do not lead to any output " + spec.outputs() + "; connect them or remove them. Outputs: "
                    + Arrays.toString(spec.outputs().toArray()));
        }
    }
}
