package io.neurite.compile;

import io.neurite.core.Shape;
import io.neurite.layers.Add;
import io.neurite.layers.AdditiveAttention;
import io.neurite.layers.Concat;
import io.neurite.layers.CrossAttention;
import io.neurite.layers.Dense;
import io.neurite.layers.Flatten;
import io.neurite.layers.Frozen;
import io.neurite.layers.LayerSpec;
import io.neurite.layers.RepeatAlong;
import io.neurite.layers.Reshape;
import io.neurite.nativeops.InputErrors;
import io.neurite.spec.Convolutions;
import io.neurite.spec.ModelSpec;
import io.neurite.spec.NodeSpec;
import io.neurite.train.LeanAdam;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;

/**
 * The one place where the user's specs become DL4J: {@link ModelSpec} + a loss per output + optimizer to a
 * {@link ComputationGraphConfiguration}. DL4J infers every nIn from the input types and inserts the reshapes between
 * convolutional and dense layers. Merges and flattening become graph vertices, every other spec a layer built by its
 * {@link LayerFamily}; {@link OutputLayers} attaches each output's loss.
 */
public final class GraphCompiler {
    /** Suffix of the loss layer appended after an output that cannot carry the loss itself. */
    public static final String LOSS_SUFFIX = OutputLayers.LOSS_SUFFIX;

    private static final List<LayerFamily> FAMILIES = List.of(new DenseLayers(), new ConvolutionLayers(),
            new NormalizationLayers(), new SequenceLayers(), new DecoderLayers(), new RecurrentLayers(),
            new AttentionLayers());

    private GraphCompiler() { }

    /**
     * The configuration of {@code spec} with the loss of each output (keyed by output name) and one optimizer; with no
     * losses at all, the outputs are plain layers, trained only by errors given from outside ({@link Backprop}).
     */
    public static ComputationGraphConfiguration compile(ModelSpec spec, Map<String, Loss> losses, Optimizer optimizer) {
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder();
        Map<String, Shape> shapes = spec.shapes();
        if (spec.nodes().stream().anyMatch(n -> vertex(n.layer(), inputShapes(n, shapes)) instanceof SameDiffVertex)) {
            // DL4J M2.1's SameDiff vertices corrupt their gradients under workspaces: NaN within a few batches of
            // training a Transformer decoder (Seq2SeqTest), none without workspaces; so do the other SameDiff vertices
            global.trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE);
        }
        ComputationGraphConfiguration.GraphBuilder g = global
                .seed(spec.seed())
                .dataType(spec.dataType())
                .updater(spec.convolutions() == Convolutions.NATIVE ? LeanAdam.leanIfAdam(optimizer.toDl4j())
                        : optimizer.toDl4j())
                .gradientNormalization(optimizer.clipping())
                .gradientNormalizationThreshold(optimizer.clipThreshold())
                .graphBuilder();
        g.addInputs(spec.inputs().keySet().toArray(String[]::new));
        g.setInputTypes(spec.inputs().values().stream().map(Sequences::inputType).toArray(InputType[]::new));
        String[] outputs = new String[spec.outputs().size()];
        for (NodeSpec node : spec.nodes()) {
            String[] in = node.inputs().toArray(String[]::new);
            int outputIndex = spec.outputs().indexOf(node.name());
            if (outputIndex >= 0 && !losses.isEmpty()) {
                outputs[outputIndex] = OutputLayers.add(g, node, in, shapes, lossFor(losses, node.name()), spec.convolutions());
            } else if (vertex(node.layer(), inputShapes(node, shapes)) != null) {
                g.addVertex(node.name(), vertex(node.layer(), inputShapes(node, shapes)), in);
            } else {
                Layer layer = toLayer(node.layer(), shapes.get(node.inputs().get(0)), spec.convolutions());
                if (layer instanceof InputErrors.Skippable d && readsOnlyInput(spec, node)) layer = d.readingNetworkInput();
                g.addLayer(node.name(), layer, in);
            }
        }
        if (losses.isEmpty()) outputs = spec.outputs().toArray(String[]::new);
        g.setOutputs(outputs);
        return g.build();
    }

    /** The configuration of {@code spec} with one loss for every output. */
    public static ComputationGraphConfiguration compile(ModelSpec spec, Loss loss, Optimizer optimizer) {
        return compile(spec, spec.outputs().stream().collect(java.util.stream.Collectors.toMap(o -> o, o -> loss)),
                optimizer);
    }

    /** Whether {@code node} reads one network input that no other node reads (so nothing needs that input's error). */
    private static boolean readsOnlyInput(ModelSpec spec, NodeSpec node) {
        String in = node.inputs().get(0);
        return node.inputs().size() == 1 && spec.inputs().containsKey(in) && spec.consumers(in).size() == 1;
    }

    private static Loss lossFor(Map<String, Loss> losses, String output) {
        Loss loss = losses.get(output);
        if (loss == null) {
            throw new IllegalArgumentException("no loss given for output '" + output + "'; losses were given for "
                    + losses.keySet());
        }
        return loss;
    }

    /** DL4J's output layer for a dense output on vectors: the dense layer with {@code loss} attached. */
    public static OutputLayer outputLayer(Dense d, Loss loss) { return OutputLayers.outputLayer(d, loss); }

    /** Whether {@code layer} becomes a DL4J layer (which can be frozen) rather than a parameter-free graph vertex. */
    public static boolean isLayer(LayerSpec layer) {
        return !(layer instanceof Add || layer instanceof Concat || layer instanceof Flatten
                || layer instanceof Reshape);
    }

    /** The shapes of {@code node}'s inputs, in order. */
    static List<Shape> inputShapes(NodeSpec node, Map<String, Shape> shapes) {
        return node.inputs().stream().map(shapes::get).toList();
    }

    /**
     * The graph vertex computing a merge, flatten, reshape, a vector repeated along a sequence or attention over a
     * memory, or null for specs that are layers.
     */
    static GraphVertex vertex(LayerSpec layer, List<Shape> inputs) {
        Shape firstInput = inputs.get(0);
        if (layer instanceof CrossAttention c) return AttentionLayers.crossAttention(c, inputs.get(0), inputs.get(1));
        if (layer instanceof AdditiveAttention a) return AttentionLayers.additiveAttention(a, inputs.get(0), inputs.get(1));
        if (layer instanceof RepeatAlong) return SequenceLayers.repeatAlong(firstInput);
        if (layer instanceof Add) return new ElementWiseVertex(ElementWiseVertex.Op.Add);
        if (layer instanceof Concat) return new MergeVertex();
        if (layer instanceof Flatten) {
            return firstInput.isImage()
                    ? new PreprocessorVertex(new CnnToFeedForwardPreProcessor(firstInput.height(), firstInput.width(),
                            firstInput.channels()))
                    : new PreprocessorVertex();
        }
        if (layer instanceof Reshape r) {
            return new PreprocessorVertex(new FeedForwardToCnnPreProcessor(r.height(), r.width(), r.channels()));
        }
        return null;
    }

    /** The DL4J layer for a one-input spec reading {@code input}; {@code engine} picks the convolution implementation. */
    static Layer toLayer(LayerSpec layer, Shape input, Convolutions engine) {
        if (layer instanceof Frozen f) return new FrozenLayer(toLayer(f.layer(), input, engine));
        if (input.isSequence() && Sequences.isPerStep(layer)) return Sequences.perStep(toLayer(layer, Shape.vector(1), engine));
        for (LayerFamily family : FAMILIES) {
            Layer dl4j = family.toLayer(layer, input, engine);
            if (dl4j != null) return dl4j;
        }
        throw new IllegalArgumentException("no DL4J mapping for layer type " + layer.type());
    }
}
