package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.testing.GradientChecks;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link BuiltinPooling}'s max pooling (in Java, {@link MaxPooling}) gives exactly DL4J's stock pooling outputs and
 * input errors in single and double precision: on ReLU-like images, whose windows often tie at 0 (the error goes to
 * one maximum, the first), in the geometries the zoo uses and with padding; and its gradients match central
 * differences.
 */
class BuiltinPoolingTest {

    private static Layer runtime(SubsamplingLayer conf, int size, int channels, DataType type) {
        ComputationGraphConfiguration c = new NeuralNetConfiguration.Builder().dataType(type).graphBuilder()
                .addInputs("in").addLayer("pool", conf, "in").setOutputs("pool")
                .setInputTypes(InputType.convolutional(size, size, channels)).build();
        ComputationGraph g = new ComputationGraph(c);
        g.init();
        return g.getLayer("pool");
    }

    @ParameterizedTest
    @CsvSource({"2, 2, 0, false, 28, FLOAT", "2, 2, 0, false, 7, FLOAT", "3, 2, 0, true, 14, FLOAT",
                "3, 2, 0, true, 7, FLOAT", "3, 1, 0, true, 4, FLOAT", "3, 1, 1, false, 9, FLOAT",
                "3, 2, 1, false, 8, FLOAT", "3, 2, 0, true, 7, DOUBLE", "2, 2, 0, false, 7, DOUBLE"})
    void maxPoolingEqualsStockForwardAndBackward(int k, int s, int p, boolean same, int size, DataType type) {
        SubsamplingLayer stock = new SubsamplingLayer.Builder(PoolingType.MAX, new int[] {k, k}, new int[] {s, s},
                new int[] {p, p}).convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate).build();
        Layer expected = runtime(stock, size, 3, type);
        Layer actual = runtime(BuiltinPooling.of(stock), size, 3, type);
        Nd4j.getRandom().setSeed(k * 100 + size);
        INDArray x = Transforms.relu(Nd4j.rand(type, 4, 3, size, size).subi(0.5f), false);
        x.putScalar(new long[] {0, 0, 0, 1}, x.getFloat(0, 0, 0, 0));             // a tie between positive values
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        expected.setInput(x, ws);
        actual.setInput(x, ws);
        INDArray y = expected.activate(true, ws);
        INDArray yJava = actual.activate(true, ws);
        assertArrayEquals(y.shape(), yJava.shape());
        assertEquals(y, yJava);
        INDArray eps = Nd4j.rand(type, y.shape());
        INDArray dx = expected.backpropGradient(eps, ws).getSecond();
        INDArray dxJava = actual.backpropGradient(eps, ws).getSecond();
        assertEquals(dx, dxJava);
        assertEquals(eps.sumNumber().doubleValue(), dxJava.sumNumber().doubleValue(), 1e-3, "every error reaches the input");
        assertTrue(x.eq(0).castTo(DataType.INT).sumNumber().intValue() > x.length() / 3, "windows tie at 0");
    }

    /**
     * A merge vertex passes its inputs' errors back as channel slices of its own, and may feed pooling a slice too:
     * both are read in place. And a backward pass for an input other than the last forward pass's (set without a
     * forward pass) uses that input's windows.
     */
    @Test
    void readsChannelSlicesAndFollowsANewInput() {
        SubsamplingLayer stock = new SubsamplingLayer.Builder(PoolingType.MAX, new int[] {3, 3}, new int[] {1, 1},
                new int[] {0, 0})
                .convolutionMode(ConvolutionMode.Same).build();
        Layer expected = runtime(stock, 7, 3, DataType.FLOAT);
        Layer actual = runtime(BuiltinPooling.of(stock), 7, 3, DataType.FLOAT);
        Nd4j.getRandom().setSeed(5);
        INDArray wide = Nd4j.rand(DataType.FLOAT, 2, 8, 7, 7);
        INDArray x = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray eps = Nd4j.rand(DataType.FLOAT, 2, 6, 7, 7)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4), NDArrayIndex.all(), NDArrayIndex.all());
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        expected.setInput(x, ws);
        actual.setInput(x, ws);
        assertEquals(expected.activate(true, ws), actual.activate(true, ws));
        assertEquals(expected.backpropGradient(eps, ws).getSecond(), actual.backpropGradient(eps, ws).getSecond());
        INDArray other = Nd4j.rand(DataType.FLOAT, 2, 3, 7, 7);
        actual.activate(true, ws);
        expected.setInput(other, ws);
        actual.setInput(other, ws);
        assertEquals(expected.backpropGradient(eps, ws).getSecond(), actual.backpropGradient(eps, ws).getSecond());
    }

    /** The error passed back matches central differences, through a convolution whose kernel gradient depends on it. */
    @ParameterizedTest
    @CsvSource({"2, 2, false", "3, 1, true", "3, 2, true"})
    void maxPoolingGradientsMatchCentralDifferences(int k, int s, boolean same) {
        SubsamplingLayer pool = BuiltinPooling.of(new SubsamplingLayer.Builder(PoolingType.MAX, new int[] {k, k},
                new int[] {s, s}, new int[] {0, 0}).convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate).build());
        GradientChecks.assertGradientsCorrect(pool, InputType.convolutional(6, 6, 2));
        ComputationGraphConfiguration c = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.TANH).build(), "in")
                .addLayer("pool", pool, "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").setInputTypes(InputType.convolutional(8, 8, 2)).build();
        ComputationGraph net = new ComputationGraph(c);
        net.init();
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 8, 8);
        INDArray labels = Nd4j.eye(3).castTo(DataType.DOUBLE);
        DataType savedDefault = Nd4j.dataType();
        DataType savedFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);        // GradientCheckUtil demands it
        try {
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {labels})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
        } finally {
            Nd4j.setDefaultDataTypes(savedDefault, savedFloat);
        }
    }
}
