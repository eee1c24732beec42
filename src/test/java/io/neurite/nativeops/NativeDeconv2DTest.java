package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.testing.GradientChecks;
import java.io.File;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * NativeDeconv2D against DL4J's stock Deconvolution2D (which runs the same libnd4j op outside SameDiff): with the stock
 * layer's parameters copied in, the same output and, behind a stock convolution, the same gradient of every parameter
 * of the network (so also the same error passed back to its input); numerical gradient checks; save and load.
 */
class NativeDeconv2DTest {
    private static final int C_IN = 3;
    private static final int C_OUT = 2;
    private static DataType savedDefault;
    private static DataType savedFloat;

    @BeforeAll
    static void doublePrecision() {
        savedDefault = Nd4j.dataType();
        savedFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(savedDefault, savedFloat);
    }

    /** One transposed-convolution geometry, written for both implementations, with the output size by hand. */
    enum Geometry {
        VALID_3x3(4, 5, 6, 7, n -> n.kernel(3, 3), s -> s.kernelSize(3, 3).convolutionMode(ConvolutionMode.Truncate)),
        SAME_4x4_STRIDE2(4, 5, 8, 10, n -> n.kernel(4, 4).stride(2, 2).same(),
                s -> s.kernelSize(4, 4).stride(2, 2).convolutionMode(ConvolutionMode.Same)),
        SAME_3x2_STRIDE2(3, 4, 6, 8, n -> n.kernel(3, 2).stride(2, 2).same(),
                s -> s.kernelSize(3, 2).stride(2, 2).convolutionMode(ConvolutionMode.Same)),
        PAD1_STRIDE2_NO_BIAS(4, 4, 7, 7, n -> n.kernel(3, 3).stride(2, 2).padding(1, 1).hasBias(false),
                s -> s.kernelSize(3, 3).stride(2, 2).padding(1, 1).hasBias(false)
                        .convolutionMode(ConvolutionMode.Truncate)),
        DILATED_PAD1_STRIDE2(4, 3, 9, 7, n -> n.kernel(3, 3).stride(2, 2).dilation(2, 2).padding(1, 1),
                s -> s.kernelSize(3, 3).stride(2, 2).dilation(2, 2).padding(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate)),
        KERNEL_BELOW_STRIDE(3, 4, 5, 8, n -> n.kernel(1, 2).stride(2, 2), s -> s.kernelSize(1, 2).stride(2, 2)
                .convolutionMode(ConvolutionMode.Truncate)),
        PAD_STRIDE_MIXED(3, 4, 3, 9, n -> n.kernel(3, 3).stride(1, 2).padding(1, 0),
                s -> s.kernelSize(3, 3).stride(1, 2).padding(1, 0).convolutionMode(ConvolutionMode.Truncate));

        final int h;
        final int w;
        /** s(in - 1) + k - 2p, or s * in for 'same'. */
        final int outH;
        final int outW;
        final UnaryOperator<NativeDeconv2D.Builder> nativeConf;
        final UnaryOperator<Deconvolution2D.Builder> stockConf;

        Geometry(int h, int w, int outH, int outW, UnaryOperator<NativeDeconv2D.Builder> n,
                 UnaryOperator<Deconvolution2D.Builder> s) {
            this.h = h;
            this.w = w;
            this.outH = outH;
            this.outW = outW;
            this.nativeConf = n;
            this.stockConf = s;
        }

        Layer nativeLayer(Activation a) { return nativeConf.apply(NativeDeconv2D.builder().nOut(C_OUT).activation(a)).build(); }

        Layer stockLayer(Activation a) { return stockConf.apply(new Deconvolution2D.Builder().nOut(C_OUT).activation(a)).build(); }
    }

    /** A stock 2x2 convolution (so the deconvolution's input error reaches parameters), the layer, a softmax output. */
    private static ComputationGraph network(Layer deconv, Geometry g) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new NoOp())
                .graphBuilder().addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(2, 2).nOut(C_IN).activation(Activation.TANH)
                        .convolutionMode(ConvolutionMode.Same).build(), "in")
                .addLayer("deconv", deconv, "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "deconv")
                .setOutputs("out").setInputTypes(InputType.convolutional(g.h, g.w, 2)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Copies every parameter of {@code from} (stock) into {@code to}, the kernel through the canonical layout. */
    private static void copyParams(ComputationGraph from, ComputationGraph to) {
        for (String layer : new String[] {"conv", "deconv", "out"}) {
            var src = from.getLayer(layer);
            var dst = to.getLayer(layer);
            for (var p : src.paramTable().entrySet()) {
                INDArray target = dst.getParam(p.getKey());
                if (layer.equals("deconv") && p.getKey().equals("W")) target = NativeConvolution.toCanonical(target);
                target.assign(p.getValue().reshape(target.shape()));
            }
        }
    }

    private static INDArray[] batch(Geometry g, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 2, g.h, g.w).subi(0.5).muli(2);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 3);
        for (int i = 0; i < 4; i++) y.putScalar(i, (i * 7 + (int) seed) % 3, 1.0);
        return new INDArray[] {x, y};
    }

    @ParameterizedTest
    @EnumSource(Geometry.class)
    void outputsAndEveryGradientEqualStockDeconvolution2D(Geometry g) {
        ComputationGraph stock = network(g.stockLayer(Activation.TANH), g);
        ComputationGraph nat = network(g.nativeLayer(Activation.TANH), g);
        NativeDeconv2D conf = (NativeDeconv2D) nat.getLayer("deconv").conf().getLayer();
        int[] k = conf.getKernel();
        assertEquals((long) k[0] * k[1] * C_IN * C_OUT + (conf.isHasBias() ? C_OUT : 0),
                nat.getLayer("deconv").numParams(), "kH*kW*in*out + out");
        assertEquals(stock.getLayer("deconv").numParams(), nat.getLayer("deconv").numParams(), "as the stock layer");
        copyParams(stock, nat);
        INDArray[] xy = batch(g, 1);
        var stockDeconv = stock.feedForward(xy[0], false).get("deconv");
        var natDeconv = nat.feedForward(xy[0], false).get("deconv");
        assertArrayEquals(new long[] {4, C_OUT, g.outH, g.outW}, natDeconv.shape(), "output size by hand");
        assertArrayEquals(stockDeconv.shape(), natDeconv.shape());
        assertEquals(0.0, stockDeconv.sub(natDeconv).amaxNumber().doubleValue(), 1e-12, "outputs");

        Gradient gs = gradient(stock, xy);
        Gradient gn = gradient(nat, xy);
        assertEquals(gs.gradientForVariable().keySet(), gn.gradientForVariable().keySet());
        for (var e : gs.gradientForVariable().entrySet()) {
            INDArray n = gn.getGradientFor(e.getKey());
            if (e.getKey().equals("deconv_W")) n = NativeConvolution.toCanonical(n);
            double scale = Math.max(1e-8, e.getValue().amaxNumber().doubleValue());
            assertEquals(0.0, e.getValue().reshape(n.shape()).sub(n).amaxNumber().doubleValue() / scale, 1e-10,
                    "gradient of " + e.getKey());
        }
    }

    private static Gradient gradient(ComputationGraph net, INDArray[] xy) {
        net.setInputs(xy[0]);
        net.setLabels(xy[1]);
        net.computeGradientAndScore();
        return net.gradient();
    }

    /** 'Same' with an odd extra row, dilated with padding, and a kernel smaller than the stride (gaps in the output). */
    @ParameterizedTest
    @EnumSource(value = Geometry.class, names = {"SAME_3x2_STRIDE2", "DILATED_PAD1_STRIDE2", "KERNEL_BELOW_STRIDE"})
    void gradientsMatchNumericalDifferences(Geometry g) {
        GradientChecks.assertGradientsCorrect(g.nativeLayer(Activation.TANH), InputType.convolutional(g.h, g.w, C_IN));
    }

    @Test
    void stackedLayersBackpropagateTrueInputGradients() {
        // the first layer's gradients are only right if the second layer's dL/dx is
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.DOUBLE).updater(new NoOp())
                .graphBuilder().addInputs("in")
                .addLayer("d1", NativeDeconv2D.builder().nOut(3).kernel(2, 2).stride(2, 2).same()
                        .activation(Activation.SIGMOID).build(), "in")
                .addLayer("d2", NativeDeconv2D.builder().nOut(2).kernel(3, 3).activation(Activation.TANH).build(), "d1")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "d2")
                .setOutputs("out").setInputTypes(InputType.convolutional(3, 3, 2)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        INDArray[] xy = batch(Geometry.VALID_3x3, 3);
        assertTrue(org.deeplearning4j.gradientcheck.GradientCheckUtil.checkGradients(
                new org.deeplearning4j.gradientcheck.GradientCheckUtil.GraphConfig().net(net)
                        .inputs(new INDArray[] {Nd4j.rand(DataType.DOUBLE, 4, 2, 3, 3).subi(0.5)})
                        .labels(new INDArray[] {xy[1]}).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
    }

    @Test
    void serializedModelRestoresWithSameOutputs(@TempDir Path dir) throws Exception {
        Geometry g = Geometry.SAME_3x2_STRIDE2;
        ComputationGraph net = network(g.nativeConf.apply(NativeDeconv2D.builder().nOut(C_OUT)
                .activation(Activation.LEAKYRELU).weightInit(WeightInit.RELU)).build(), g);
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        INDArray x = batch(g, 4)[0];
        assertEquals(net.outputSingle(x), restored.outputSingle(x));
        NativeDeconv2D conf = (NativeDeconv2D) restored.getLayer("deconv").conf().getLayer();
        assertArrayEquals(new int[] {3, 2}, conf.getKernel());
        assertArrayEquals(new int[] {2, 2}, conf.getStride());
        assertTrue(conf.isSamePadding());
        assertEquals(net.getConfiguration().toJson(), restored.getConfiguration().toJson());
    }

    @Test
    void rejectsUnsupportedActivationAndMissingFilters() {
        IllegalArgumentException act = assertThrows(IllegalArgumentException.class,
                () -> NativeDeconv2D.builder().nOut(2).activation(Activation.CUBE));
        assertTrue(act.getMessage().startsWith("NativeDeconv2D: ") && act.getMessage().contains("supported"),
                act.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NativeDeconv2D.builder().kernel(3, 3).build());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> network(
                NativeDeconv2D.builder().nOut(2).kernel(3, 3).padding(3, 0).build(), Geometry.VALID_3x3));
        assertTrue(small.getMessage().contains("NativeDeconv2D") && small.getMessage().contains("height 4"),
                small.getMessage());
    }
}
