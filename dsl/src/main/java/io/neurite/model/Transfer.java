package io.neurite.model;

import io.neurite.compile.GraphCompiler;
import io.neurite.core.Activation;
import io.neurite.layers.Dense;
import io.neurite.layers.Frozen;
import io.neurite.layers.LayerSpec;
import io.neurite.spec.ModelSpec;
import io.neurite.spec.NodeSpec;
import io.neurite.train.Optimizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;

/**
 * Transfer learning from a trained model, on DL4J's {@link TransferLearning}: {@link #freezeUpTo} a layer (it and every
 * layer it depends on keep their weights), {@link #replaceHead} with a fresh output layer for new classes, and
 * {@link #fineTune} with its own optimizer, usually a smaller learning rate. The new model starts with the source's
 * weights everywhere except the new head; its summary lists frozen parameters as non-trainable.
 *
 * <pre>{@code
 * Model digits59 = digits04.transfer().freezeUpTo("features").replaceHead(5).fineTune(Optimizer.adam(1e-4)).build();
 * }</pre>
 */
public final class Transfer {
    private final Model source;
    private String frozenUpTo;
    private int headClasses;
    private Optimizer optimizer;

    Transfer(Model source) {
        this.source = source;
        this.optimizer = source.optimizer();
    }

    /** Freezes the named layer and every layer it reads from, directly or not. */
    public Transfer freezeUpTo(String layerName) {
        ModelSpec spec = source.spec();
        spec.node(layerName);
        if (spec.outputs().contains(layerName)) {
            throw new IllegalArgumentException("freezeUpTo(\"" + layerName + "\") would freeze the output layer of '"
                    + source.name() + "' and leave nothing to train; freeze up to a layer before it");
        }
        this.frozenUpTo = layerName;
        return this;
    }

    /** Replaces the output layer (a dense layer) by a freshly initialized softmax layer with {@code classes} outputs. */
    public Transfer replaceHead(int classes) {
        if (classes < 1) throw new IllegalArgumentException("replaceHead needs at least 1 class, got " + classes);
        NodeSpec out = outputNode();
        if (!(out.layer() instanceof Dense)) {
            throw new IllegalArgumentException("replaceHead needs a model whose output layer is Dense; '" + out.name()
                    + "' of '" + source.name() + "' is " + out.layer().type());
        }
        this.headClasses = classes;
        return this;
    }

    /** The optimizer for fine-tuning (default: the source model's), e.g. the same kind with a 10x smaller rate. */
    public Transfer fineTune(Optimizer fineTuning) {
        this.optimizer = fineTuning;
        return this;
    }

    /** The new, compiled model; the source model is unchanged. */
    public Model build() {
        ModelSpec spec = newSpec();
        TransferLearning.GraphBuilder builder = new TransferLearning.GraphBuilder(source.network())
                .fineTuneConfiguration(new FineTuneConfiguration.Builder()
                        .updater(optimizer.toDl4j()).gradientNormalization(optimizer.clipping())
                        .gradientNormalizationThreshold(optimizer.clipThreshold()).seed(spec.seed()).build());
        if (frozenUpTo != null) builder.setFeatureExtractor(frozenUpTo);
        if (headClasses > 0) {
            NodeSpec head = spec.node(outputNode().name());
            long nIn = spec.shapes().get(head.inputs().get(0)).flatSize();
            OutputLayer layer = GraphCompiler.outputLayer((Dense) head.layer(), source.loss());
            layer.setNIn(nIn);
            builder.removeVertexKeepConnections(head.name());
            builder.addLayer(head.name(), layer, head.inputs().toArray(String[]::new));
        }
        ComputationGraph network = builder.build();
        return new Model(spec, source.losses(), optimizer, network);
    }

    /** The source definition with frozen layers wrapped and the new head in place of the old. */
    private ModelSpec newSpec() {
        ModelSpec spec = source.spec();
        Set<String> frozen = frozenUpTo == null ? Set.of() : ancestors(spec, frozenUpTo);
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
            LayerSpec layer = n.layer();
            if (frozen.contains(n.name()) && GraphCompiler.isLayer(layer) && !(layer instanceof Frozen)) {
                layer = new Frozen(layer);
            } else if (headClasses > 0 && n.name().equals(outputNode().name())) {
                layer = Dense.of(headClasses).withActivation(Activation.softmax());
            }
            nodes.add(new NodeSpec(n.name(), layer, n.inputs()));
        }
        return new ModelSpec(spec.name(), spec.inputs(), nodes, spec.outputs(), spec.seed(), spec.dataType(),
                spec.convolutions());
    }

    private NodeSpec outputNode() {
        ModelSpec spec = source.spec();
        if (spec.outputs().size() != 1) {
            throw new IllegalArgumentException("replaceHead needs a single-output model; '" + source.name() + "' has "
                    + spec.outputs());
        }
        return spec.node(spec.outputs().get(0));
    }

    /** {@code layerName} and every node it reads from, directly or not. */
    private static Set<String> ancestors(ModelSpec spec, String layerName) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(layerName));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (seen.add(n) && !spec.inputs().containsKey(n)) todo.addAll(spec.node(n).inputs());
        }
        return seen;
    }
}
