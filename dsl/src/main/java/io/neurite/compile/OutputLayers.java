package io.neurite.compile;

import io.neurite.core.Shape;
import io.neurite.layers.ActivationLayer;
import io.neurite.layers.Dense;
import io.neurite.layers.LayerSpec;
import io.neurite.nativeops.LeanOutput;
import io.neurite.spec.Convolutions;
import io.neurite.spec.NodeSpec;
import io.neurite.train.Loss;
import io.neurite.train.WeightedLoss;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.nd4j.linalg.activations.IActivation;

/**
 * Attaches a loss to an output. A {@link Dense} output becomes DL4J's OutputLayer ({@link LeanOutput} with the
 * {@link Convolutions#NATIVE} engine; RnnOutputLayer, one prediction per
 * step, on a sequence, with its loss averaged over steps by {@link StepMeanLoss}); an {@link ActivationLayer} output a LossLayer with that activation; any other output gets an
 * identity loss layer after it, named with {@link #LOSS_SUFFIX}. Loss layers work per step on sequences and per pixel
 * on images: a CnnLossLayer whose sum over the h x w pixels a {@link WeightedLoss} divides by h x w, so that training
 * minimises the mean over pixels and channels as Keras does.
 */
final class OutputLayers {
    static final String LOSS_SUFFIX = "_loss";

    private OutputLayers() { }

    /** Adds the output {@code node} with its loss; returns the name of the DL4J layer that carries the loss. */
    static String add(ComputationGraphConfiguration.GraphBuilder g, NodeSpec node, String[] in,
                      Map<String, Shape> shapes, Loss loss, Convolutions engine) {
        LayerSpec layer = node.layer();
        Shape input = shapes.get(node.inputs().get(0));
        if (layer instanceof Dense d) {
            BaseOutputLayer out = outputLayer(d, loss, input.isSequence());
            g.addLayer(node.name(), engine == Convolutions.NATIVE && out instanceof OutputLayer o ? LeanOutput.of(o) : out, in);
            return node.name();
        }
        if (layer instanceof ActivationLayer a) {
            g.addLayer(node.name(), lossLayer(loss, a.activation().toDl4j(), input), in);
            return node.name();
        }
        GraphVertex vertex = GraphCompiler.vertex(layer, GraphCompiler.inputShapes(node, shapes));
        if (vertex != null) g.addVertex(node.name(), vertex, in);
        else g.addLayer(node.name(), GraphCompiler.toLayer(layer, input, engine), in);
        String lossName = node.name() + LOSS_SUFFIX;
        g.addLayer(lossName, lossLayer(loss, org.nd4j.linalg.activations.Activation.IDENTITY.getActivationFunction(),
                shapes.get(node.name())), node.name());
        return lossName;
    }

    /** DL4J's output layer for a dense output: the dense layer with the loss attached (per step on sequences). */
    static BaseOutputLayer outputLayer(Dense d, Loss loss, boolean perStep) {
        BaseOutputLayer.Builder<?> b = perStep
                ? new RnnOutputLayer.Builder(new StepMeanLoss(loss.dl4j())).dataFormat(Sequences.FORMAT)
                : new OutputLayer.Builder(loss.dl4j());
        return b.nOut(d.units()).activation(d.activation().toDl4j()).weightInit(d.effectiveInit().dl4j())
                .l1(d.penalty().l1()).l2(d.penalty().l2()).build();
    }

    /** A dense output layer for a vector input (transfer learning's new head). */
    static OutputLayer outputLayer(Dense d, Loss loss) {
        return (OutputLayer) outputLayer(d, loss, false);
    }

    /** The loss layer for an output of {@code shape}: per step on sequences, per pixel on images, else per example. */
    private static org.deeplearning4j.nn.conf.layers.Layer lossLayer(Loss loss, IActivation activation, Shape shape) {
        if (shape.isSequence()) {
            return new RnnLossLayer.Builder(new StepMeanLoss(loss.dl4j())).activation(activation).dataFormat(Sequences.FORMAT).build();
        }
        if (shape.isImage()) {
            double perPixel = 1.0 / (shape.height() * shape.width());    // DL4J sums over pixels: mean as Keras
            return new CnnLossLayer.Builder(new WeightedLoss(loss.dl4j(), perPixel))
                    .activation(activation).format(CNN2DFormat.NCHW).build();
        }
        return new LossLayer.Builder(loss.dl4j()).activation(activation).build();
    }
}
