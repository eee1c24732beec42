package io.neurite.model;

import io.neurite.compile.Parameters;
import io.neurite.compile.Sequences;
import io.neurite.core.Shape;
import io.neurite.spec.ModelSpec;
import io.neurite.spec.NodeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Looking inside a compiled model by the layer names its summary shows: activations and parameters. */
final class Inspection {
    private final ModelSpec spec;
    private final ComputationGraph network;

    Inspection(ModelSpec spec, ComputationGraph network) {
        this.spec = spec;
        this.network = network;
    }

    /** Every input's and layer's output for {@code features} of a one-input model, in the user's layout. */
    Map<String, INDArray> activations(INDArray features) {
        if (spec.inputs().size() != 1) {
            throw new IllegalArgumentException("activations(...) takes the features of a one-input model; '" + spec.name()
                    + "' has inputs " + spec.inputs().keySet());
        }
        Shape in = spec.inputs().values().iterator().next();
        Map<String, INDArray> all = network.feedForward(Sequences.toDl4j(features, in), false);
        Map<String, Shape> shapes = spec.shapes();
        Map<String, INDArray> named = new LinkedHashMap<>();
        for (String input : spec.inputs().keySet()) named.put(input, features);
        for (NodeSpec node : spec.nodes()) named.put(node.name(), Sequences.fromDl4j(all.get(node.name()), shapes.get(node.name())));
        return named;
    }

    /** The weights of {@code layerName} in the canonical layout, as a view. */
    INDArray weights(String layerName) { return Parameters.canonicalWeights(layerWith(layerName, "W", "weights")); }

    /** The biases of {@code layerName}, as stored. */
    INDArray bias(String layerName) { return layerWith(layerName, "b", "biases").getParam("b"); }

    private Layer layerWith(String layerName, String key, String what) {
        NodeSpec node = spec.node(layerName);
        Layer layer = network.getLayer(layerName);
        if (layer == null || !layer.paramTable().containsKey(key)) {
            throw new IllegalArgumentException("layer '" + layerName + "' (" + node.layer().type() + ") of model '"
                    + spec.name() + "' has no " + what + "; layers with " + what + ": " + layersWith(key));
        }
        return layer;
    }

    private List<String> layersWith(String key) {
        return spec.nodes().stream().map(NodeSpec::name).filter(n -> {
            Layer l = network.getLayer(n);
            return l != null && l.paramTable().containsKey(key);
        }).toList();
    }
}
