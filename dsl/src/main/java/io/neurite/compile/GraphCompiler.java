package io.neurite.compile;

import io.neurite.layers.ActivationLayer;
import io.neurite.layers.Add;
import io.neurite.layers.BatchNorm;
import io.neurite.layers.Concat;
import io.neurite.layers.Conv2D;
import io.neurite.layers.Dense;
import io.neurite.layers.Dropout;
import io.neurite.layers.Flatten;
import io.neurite.layers.Frozen;
import io.neurite.layers.GlobalPooling;
import io.neurite.layers.LayerSpec;
import io.neurite.layers.LocalResponseNorm;
import io.neurite.layers.PReLU;
import io.neurite.layers.Padding;
import io.neurite.layers.Pooling2D;
import io.neurite.layers.ZeroPadding;
import io.neurite.model.Convolutions;
import io.neurite.model.ModelSpec;
import io.neurite.model.NodeSpec;
import io.neurite.model.Shape;
import io.neurite.nativeops.NativeConv2D;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

/**
 * The one place where the user's layer specs become DL4J: {@link ModelSpec} + loss + optimizer to a
 * {@link ComputationGraphConfiguration}. DL4J infers every nIn from the input types and inserts the reshapes between
 * convolutional and dense layers. An output layer that is {@link Dense} becomes DL4J's OutputLayer (with the loss);
 * an output {@link ActivationLayer} becomes a LossLayer with that activation; any other output gets a LossLayer after it.
 * A {@link Conv2D} becomes DL4J's ConvolutionLayer, or {@link NativeConv2D} when the spec's engine is
 * {@link Convolutions#NATIVE} and the activation is one NativeConv2D computes (else the stock layer, silently).
 */
public final class GraphCompiler {
    /** Suffix of the loss layer appended after an output that cannot carry the loss itself. */
    public static final String LOSS_SUFFIX = "_loss";

    private GraphCompiler() { }

    public static ComputationGraphConfiguration compile(ModelSpec spec, Loss loss, Optimizer optimizer) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(spec.dataType())
                .updater(optimizer.toDl4j())
                .graphBuilder();
        g.addInputs(spec.inputs().keySet().toArray(String[]::new));
        g.setInputTypes(spec.inputs().values().stream().map(Shape::toInputType).toArray(InputType[]::new));
        Map<String, Shape> shapes = spec.shapes();
        String[] outputs = new String[spec.outputs().size()];
        for (NodeSpec node : spec.nodes()) {
            String[] in = node.inputs().toArray(String[]::new);
            LayerSpec layer = node.layer();
            int outputIndex = spec.outputs().indexOf(node.name());
            if (outputIndex >= 0) {
                outputs[outputIndex] = addOutput(g, node, in, loss, spec.convolutions());
            } else if (layer instanceof Add) {
                g.addVertex(node.name(), new ElementWiseVertex(ElementWiseVertex.Op.Add), in);
            } else if (layer instanceof Concat) {
                g.addVertex(node.name(), new MergeVertex(), in);
            } else if (layer instanceof Flatten) {
                Shape s = shapes.get(node.inputs().get(0));
                g.addVertex(node.name(), s.isImage()
                        ? new PreprocessorVertex(new CnnToFeedForwardPreProcessor(s.height(), s.width(), s.channels()))
                        : new PreprocessorVertex(), in);
            } else {
                g.addLayer(node.name(), toLayer(layer, spec.convolutions()), in);
            }
        }
        g.setOutputs(outputs);
        return g.build();
    }

    /** Adds an output node carrying the loss; returns the name of the DL4J output layer. */
    private static String addOutput(ComputationGraphConfiguration.GraphBuilder g, NodeSpec node, String[] in,
                                    Loss loss, Convolutions engine) {
        LayerSpec layer = node.layer();
        if (layer instanceof Dense d) {
            g.addLayer(node.name(), outputLayer(d, loss), in);
            return node.name();
        }
        if (layer instanceof ActivationLayer a) {
            g.addLayer(node.name(), new LossLayer.Builder(loss.dl4j()).activation(a.activation().toDl4j()).build(), in);
            return node.name();
        }
        if (layer instanceof Add) g.addVertex(node.name(), new ElementWiseVertex(ElementWiseVertex.Op.Add), in);
        else if (layer instanceof Concat) g.addVertex(node.name(), new MergeVertex(), in);
        else g.addLayer(node.name(), toLayer(layer, engine), in);
        String lossName = node.name() + LOSS_SUFFIX;
        g.addLayer(lossName, new LossLayer.Builder(loss.dl4j())
                .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build(), node.name());
        return lossName;
    }

    /** Whether {@code layer} becomes a DL4J layer (which can be frozen) rather than a parameter-free graph vertex. */
    public static boolean isLayer(LayerSpec layer) {
        return !(layer instanceof Add || layer instanceof Concat || layer instanceof Flatten);
    }

    /** DL4J's output layer for a dense output: the dense layer with the loss attached. */
    public static OutputLayer outputLayer(Dense d, Loss loss) {
        return new OutputLayer.Builder(loss.dl4j()).nOut(d.units())
                .activation(d.activation().toDl4j()).weightInit(d.effectiveInit().dl4j())
                .l1(d.penalty().l1()).l2(d.penalty().l2()).build();
    }

    /** The DL4J layer for a one-input spec; {@code engine} picks the convolution implementation. */
    static Layer toLayer(LayerSpec layer, Convolutions engine) {
        if (layer instanceof Frozen f) {
            return new FrozenLayer(toLayer(f.layer(), engine));
        }
        if (layer instanceof Conv2D c && engine == Convolutions.NATIVE && NativeConv2D.supports(c.activation().toDl4j())) {
            return nativeConv(c);
        }
        if (layer instanceof Dense d) {
            return new DenseLayer.Builder().nOut(d.units()).activation(d.activation().toDl4j())
                    .weightInit(d.effectiveInit().dl4j()).l1(d.penalty().l1()).l2(d.penalty().l2()).build();
        }
        if (layer instanceof Conv2D c) {
            return new ConvolutionLayer.Builder(c.kernel().toArray(), c.stride().toArray(), padding(c.padding()))
                    .dilation(c.dilation().toArray()).convolutionMode(mode(c.padding())).nOut(c.filters())
                    .hasBias(c.bias())
                    .activation(c.activation().toDl4j()).weightInit(c.effectiveInit().dl4j())
                    .l1(c.penalty().l1()).l2(c.penalty().l2()).build();
        }
        if (layer instanceof Pooling2D p) {
            return new SubsamplingLayer.Builder(poolingType(p.pool()), p.window().toArray(), p.stride().toArray(),
                    padding(p.padding())).convolutionMode(mode(p.padding())).build();
        }
        if (layer instanceof GlobalPooling gp) {
            return new GlobalPoolingLayer.Builder(poolingType(gp.pool())).build();
        }
        if (layer instanceof BatchNorm bn) {
            return new BatchNormalization.Builder().decay(bn.decay()).eps(bn.eps()).build();
        }
        if (layer instanceof Dropout d) {
            return new DropoutLayer.Builder(1 - d.rate()).build();
        }
        if (layer instanceof ActivationLayer a) {
            return new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder().activation(a.activation().toDl4j()).build();
        }
        if (layer instanceof PReLU) {
            return new PReLULayer.Builder().build();
        }
        if (layer instanceof LocalResponseNorm lrn) {
            return new LocalResponseNormalization.Builder(lrn.k(), lrn.n(), lrn.alpha(), lrn.beta()).build();
        }
        if (layer instanceof ZeroPadding z) {
            return new ZeroPaddingLayer.Builder(z.top(), z.bottom(), z.left(), z.right()).build();
        }
        throw new IllegalArgumentException("no DL4J mapping for layer type " + layer.type());
    }

    /** The same convolution as the stock mapping, computed by libnd4j's conv2d op. */
    private static NativeConv2D nativeConv(Conv2D c) {
        NativeConv2D.Builder b = NativeConv2D.builder().nOut(c.filters())
                .kernel(c.kernel().rows(), c.kernel().cols()).stride(c.stride().rows(), c.stride().cols())
                .dilation(c.dilation().rows(), c.dilation().cols()).hasBias(c.bias())
                .activation(c.activation().toDl4j()).weightInit(c.effectiveInit().dl4j());
        if (c.padding().mode() == Padding.Mode.SAME) b.same();
        else b.padding(c.padding().rows(), c.padding().cols());
        return b.l1(c.penalty().l1()).l2(c.penalty().l2()).build();
    }

    private static PoolingType poolingType(Pooling2D.PoolType type) {
        return type == Pooling2D.PoolType.MAX ? PoolingType.MAX : PoolingType.AVG;
    }

    private static int[] padding(Padding p) {
        return new int[] {p.rows(), p.cols()};
    }

    private static ConvolutionMode mode(Padding p) {
        return p.mode() == Padding.Mode.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }
}
