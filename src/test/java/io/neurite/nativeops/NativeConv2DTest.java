package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import io.neurite.testing.GradientChecks;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
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
import org.nd4j.linalg.lossfunctions.LossFunctions;

class NativeConv2DTest {
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

    /** One convolution geometry, written once for each of the two layer implementations. */
    enum Geometry {
        VALID_3x3(7, 6, n -> n.kernel(3, 3), s -> s.kernelSize(3, 3).convolutionMode(ConvolutionMode.Truncate)),
        PAD1_STRIDE2(7, 6, n -> n.kernel(3, 3).stride(2, 2).padding(1, 1),
                s -> s.kernelSize(3, 3).stride(2, 2).padding(1, 1).convolutionMode(ConvolutionMode.Truncate)),
        SAME_2x3_STRIDE2(6, 7, n -> n.kernel(2, 3).stride(2, 2).same(),
                s -> s.kernelSize(2, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same)),
        DILATED_NO_BIAS(8, 7, n -> n.kernel(3, 2).dilation(2, 2).hasBias(false),
                s -> s.kernelSize(3, 2).dilation(2, 2).hasBias(false).convolutionMode(ConvolutionMode.Truncate)),
        PAD_STRIDE_MIXED(6, 6, n -> n.kernel(3, 3).stride(1, 2).padding(2, 0),
                s -> s.kernelSize(3, 3).stride(1, 2).padding(2, 0).convolutionMode(ConvolutionMode.Truncate));

        final int h;
        final int w;
        final UnaryOperator<NativeConv2D.Builder> nativeConf;
        final UnaryOperator<ConvolutionLayer.Builder> stockConf;

        Geometry(int h, int w, UnaryOperator<NativeConv2D.Builder> n, UnaryOperator<ConvolutionLayer.Builder> s) {
            this.h = h;
            this.w = w;
            this.nativeConf = n;
            this.stockConf = s;
        }

        Layer nativeLayer(int cOut, Activation a) {
            return nativeConf.apply(NativeConv2D.builder().nOut(cOut).activation(a)).build();
        }

        Layer stockLayer(int cOut, Activation a) {
            return stockConf.apply(new ConvolutionLayer.Builder().nOut(cOut).activation(a)).build();
        }
    }

    private static final int C_IN = 2;
    private static final int C_OUT = 3;

    private static ComputationGraph single(Layer conv, int h, int w) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in")
                .addLayer("conv", conv, "in").setOutputs("conv")
                .setInputTypes(InputType.convolutional(h, w, C_IN)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static ComputationGraph classifier(Layer conv, int h, int w) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER)
                .updater(new org.nd4j.linalg.learning.config.NoOp())
                .graphBuilder().addInputs("in")
                .addLayer("conv", conv, "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(h, w, C_IN)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static INDArray randomImages(int n, int h, int w, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, n, C_IN, h, w).subi(0.5);
    }

    /** Copies the stock layer's W [o,i,kh,kw] and b [1,o] into the native layer (W [kh,kw,i,o], b [o]). */
    private static void copyWeights(ComputationGraph from, ComputationGraph to) {
        org.deeplearning4j.nn.api.Layer src = from.getLayer("conv");
        org.deeplearning4j.nn.api.Layer dst = to.getLayer("conv");
        dst.getParam("W").assign(src.getParam("W").permute(2, 3, 1, 0));
        if (src.paramTable().containsKey("b")) dst.getParam("b").assign(src.getParam("b").reshape(C_OUT));
    }

    @ParameterizedTest
    @EnumSource(Geometry.class)
    void forwardEqualsStockConvolutionLayer(Geometry g) {
        ComputationGraph stock = single(g.stockLayer(C_OUT, Activation.TANH), g.h, g.w);
        ComputationGraph nat = single(g.nativeLayer(C_OUT, Activation.TANH), g.h, g.w);
        assertEquals(stock.numParams(), nat.numParams(), "parameter count");
        copyWeights(stock, nat);
        INDArray x = randomImages(3, g.h, g.w, 1);
        INDArray expected = stock.outputSingle(x);
        INDArray actual = nat.outputSingle(x);
        assertArrayEquals(expected.shape(), actual.shape(), "output shape");
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), 1e-12);
        InputType declared = nat.getConfiguration()
                .getLayerActivationTypes(InputType.convolutional(g.h, g.w, C_IN)).get("conv");
        assertArrayEquals(withBatch(3, declared), actual.shape(), "getOutputType agrees with the computed output");
    }

    private static long[] withBatch(long n, InputType t) {
        long[] s = t.getShape(true);
        s[0] = n;
        return s;
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class,
            names = {"IDENTITY", "RELU", "LEAKYRELU", "SIGMOID", "TANH", "ELU", "SOFTPLUS", "SOFTSIGN", "SWISH", "SELU"})
    void everySupportedActivationMatchesStock(Activation a) {
        Geometry g = Geometry.PAD1_STRIDE2;
        ComputationGraph stock = single(g.stockLayer(C_OUT, a), g.h, g.w);
        ComputationGraph nat = single(g.nativeLayer(C_OUT, a), g.h, g.w);
        copyWeights(stock, nat);
        INDArray x = randomImages(2, g.h, g.w, 2).muli(4);
        assertEquals(0.0, stock.outputSingle(x).sub(nat.outputSingle(x)).amaxNumber().doubleValue(), 1e-10, a.name());
    }

    @Test
    void parameterCountIsKernelTimesChannelsPlusBias() {
        ComputationGraph g = single(NativeConv2D.builder().nOut(5).kernel(3, 2).build(), 6, 6);
        assertEquals(3 * 2 * C_IN * 5 + 5, g.numParams());
        ComputationGraph noBias = single(NativeConv2D.builder().nOut(5).kernel(3, 2).hasBias(false).build(), 6, 6);
        assertEquals(3 * 2 * C_IN * 5, noBias.numParams());
    }

    @Test
    void initialisationFollowsDl4jConventions() {
        // Xavier (DL4J): N(0, 2/(fanIn+fanOut)), fanIn = cIn*k*k, fanOut = cOut*k*k/(s*s); bias from biasInit
        int cOut = 64;
        ComputationGraph g = single(NativeConv2D.builder().nOut(cOut).kernel(5, 5).biasInit(0.25)
                .weightInit(WeightInit.XAVIER).build(), 12, 12);
        double fanIn = C_IN * 25;
        double fanOut = cOut * 25;
        double expectedStd = Math.sqrt(2.0 / (fanIn + fanOut));
        double std = g.getLayer("conv").getParam("W").stdNumber().doubleValue();
        assertEquals(expectedStd, std, 0.05 * expectedStd, "Xavier std");
        INDArray b = g.getLayer("conv").getParam("b");
        assertEquals(0.25, b.minNumber().doubleValue(), 0.0);
        assertEquals(0.25, b.maxNumber().doubleValue(), 0.0);
    }

    @ParameterizedTest
    @EnumSource(Geometry.class)
    void gradientsMatchNumericalDifferences(Geometry geometry) {
        Layer conv = geometry.nativeConf.apply(NativeConv2D.builder().nOut(C_OUT).activation(Activation.TANH)).build();
        ComputationGraph g = classifier(conv, geometry.h, geometry.w);
        INDArray x = randomImages(2, geometry.h, geometry.w, 3);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        y.putScalar(0, 1, 1.0);
        y.putScalar(1, 2, 1.0);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {y})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
        assertTrue(ok, "gradient check failed for " + geometry);
    }

    /** in -> [pre] -> conv -> softmax output of 3 classes, SGD-free; pre null: the convolution reads the input. */
    private static ComputationGraph chain(Layer pre, Layer conv, int h, int w) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(13).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER)
                .updater(new org.nd4j.linalg.learning.config.NoOp())
                .graphBuilder().addInputs("in");
        if (pre != null) b.addLayer("pre", pre, "in");
        b.addLayer("conv", conv, pre != null ? "pre" : "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("out").setInputTypes(InputType.convolutional(h, w, C_IN));
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        return g;
    }

    private static org.deeplearning4j.nn.gradient.Gradient gradientOn(ComputationGraph g, INDArray x) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, x.size(0), 3);
        for (int i = 0; i < x.size(0); i++) y.putScalar(i, i % 3, 1.0);
        g.setInputs(x);
        g.setLabels(y);
        g.computeGradientAndScore();
        return g.gradient();
    }

    /**
     * Every parameter gradient equals the stock layer's: reading the network input (its input error skipped, the
     * kernel gradient from the unfolded input) and behind another layer, whose gradients are then right only if the
     * input error passed back to it equals the stock layer's; with a ReLU and with the identity (whose z the layer keeps
     * without a copy).
     */
    @ParameterizedTest
    @EnumSource(Geometry.class)
    void gradientsEqualStockConvolutionLayer(Geometry g) {
        for (Activation a : new Activation[] {Activation.RELU, Activation.IDENTITY}) {
            for (boolean first : new boolean[] {true, false}) {
                checkGradients(g, a, first);
            }
        }
    }

    private static void checkGradients(Geometry g, Activation a, boolean first) {
        Layer nativeConv = g.nativeLayer(C_OUT, a);
        if (first) nativeConv = ((NativeConv2D) nativeConv).readingNetworkInput();
        Layer pre = first ? null : new ConvolutionLayer.Builder(1, 1).nOut(C_IN).activation(Activation.TANH).build();
        ComputationGraph stock = chain(pre, g.stockLayer(C_OUT, a), g.h, g.w);
        ComputationGraph nat = chain(pre == null ? null : pre.clone(), nativeConv, g.h, g.w);
        copyWeights(stock, nat);
        nat.getLayer("out").setParams(stock.getLayer("out").params());
        if (!first) nat.getLayer("pre").setParams(stock.getLayer("pre").params());
        INDArray x = randomImages(4, g.h, g.w, 6).muli(3);
        var s = gradientOn(stock, x).gradientForVariable();
        var n = gradientOn(nat, x).gradientForVariable();
        String what = g + " " + a + (first ? " reading the input" : " behind another layer");
        assertEquals(0.0, s.get("conv_W").permute(2, 3, 1, 0).sub(n.get("conv_W")).amaxNumber().doubleValue(), 1e-12, what);
        assertTrue(s.get("conv_W").amaxNumber().doubleValue() > 1e-3, what + ": a kernel gradient to compare");
        if (s.containsKey("conv_b")) {
            assertEquals(0.0, s.get("conv_b").reshape(C_OUT).sub(n.get("conv_b")).amaxNumber().doubleValue(), 1e-12, what);
        }
        if (!first) {
            for (String key : new String[] {"pre_W", "pre_b"}) {
                assertEquals(0.0, s.get(key).sub(n.get(key)).amaxNumber().doubleValue(), 1e-12, what + " " + key);
                assertTrue(s.get(key).amaxNumber().doubleValue() > 1e-4, what + " " + key + " is not zero");
            }
        }
    }

    /** A backward pass after an inference-mode forward pass computes z again and gives the same gradients. */
    @Test
    void backwardWithoutTrainingForwardRecomputesTheSameGradients() {
        Geometry g = Geometry.SAME_2x3_STRIDE2;
        ComputationGraph net = single(g.nativeLayer(C_OUT, Activation.RELU), g.h, g.w);
        net.initGradientsView();
        org.deeplearning4j.nn.api.Layer conv = net.getLayer("conv");
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr ws = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        INDArray x = randomImages(3, g.h, g.w, 8);
        INDArray[] grads = new INDArray[4];
        for (boolean training : new boolean[] {true, false}) {
            conv.setInput(x, ws);
            INDArray y = conv.activate(training, ws);
            Nd4j.getRandom().setSeed(2);
            var result = conv.backpropGradient(Nd4j.rand(DataType.DOUBLE, y.shape()), ws);
            int at = training ? 0 : 2;
            grads[at] = result.getFirst().getGradientFor("W").dup();
            grads[at + 1] = result.getSecond().dup();
        }
        assertEquals(grads[0], grads[2], "kernel gradient");
        assertEquals(grads[1], grads[3], "input error");
        assertTrue(grads[0].amaxNumber().doubleValue() > 0);
    }

    @ParameterizedTest
    @EnumSource(Geometry.class)
    void gradientsWithoutInputErrorMatchNumericalDifferences(Geometry g) {
        NativeConv2D first = ((NativeConv2D) g.nativeLayer(C_OUT, Activation.TANH)).readingNetworkInput();
        assertTrue(first.readsNetworkInput());
        GradientChecks.assertGradientsCorrect(first, InputType.convolutional(g.h, g.w, C_IN));
    }

    @Test
    void stackedLayersBackpropagateTrueInputGradients() {
        // the first layer's gradients are only right if the second layer's dL/dx is
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.DOUBLE).updater(new org.nd4j.linalg.learning.config.NoOp())
                .graphBuilder().addInputs("in")
                .addLayer("c1", NativeConv2D.builder().nOut(3).kernel(3, 3).same().activation(Activation.TANH).build(), "in")
                .addLayer("c2", NativeConv2D.builder().nOut(2).kernel(2, 2).stride(2, 2)
                        .activation(Activation.SIGMOID).build(), "c1")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "c2")
                .setOutputs("out").setInputTypes(InputType.convolutional(6, 6, C_IN)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        y.putScalar(0, 0, 1.0);
        y.putScalar(1, 2, 1.0);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {randomImages(2, 6, 6, 9)}).labels(new INDArray[] {y})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
    }

    @Test
    void serializedModelRestoresWithSameOutputs(@TempDir Path dir) throws Exception {
        ComputationGraph g = classifier(NativeConv2D.builder().nOut(C_OUT).kernel(2, 3).stride(2, 1).same()
                .activation(Activation.LEAKYRELU).weightInit(WeightInit.RELU).build(), 6, 7);
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(g, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        INDArray x = randomImages(2, 6, 7, 4);
        assertEquals(g.outputSingle(x), restored.outputSingle(x));
        NativeConv2D conf = (NativeConv2D) restored.getLayer("conv").conf().getLayer();
        assertArrayEquals(new int[] {2, 3}, conf.getKernel());
        assertArrayEquals(new int[] {2, 1}, conf.getStride());
        assertTrue(conf.isSamePadding());
        assertEquals(g.getConfiguration().toJson(), restored.getConfiguration().toJson());
        ComputationGraph first = classifier(((NativeConv2D) Geometry.PAD1_STRIDE2.nativeLayer(C_OUT, Activation.RELU))
                .readingNetworkInput(), 7, 6);
        File firstFile = dir.resolve("first.zip").toFile();
        ModelSerializer.writeModel(first, firstFile, true);
        NativeConv2D restoredFirst = (NativeConv2D) ModelSerializer.restoreComputationGraph(firstFile, true)
                .getLayer("conv").conf().getLayer();
        assertTrue(restoredFirst.readsNetworkInput(), "a first layer stays marked as reading the network input");
    }

    @Test
    void rejectsUnsupportedActivationAndTooSmallInput() {
        IllegalArgumentException act = assertThrows(IllegalArgumentException.class,
                () -> NativeConv2D.builder().nOut(2).activation(Activation.CUBE));
        assertTrue(act.getMessage().contains("supported"), act.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> single(NativeConv2D.builder().nOut(2).kernel(5, 5).build(), 3, 8));
        assertTrue(small.getMessage().contains("height 3"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NativeConv2D.builder().kernel(0, 3));
        assertThrows(IllegalArgumentException.class, () -> NativeConv2D.builder().kernel(3, 3).build());
    }
}
