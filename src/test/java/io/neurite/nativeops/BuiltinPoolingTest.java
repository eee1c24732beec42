package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link BuiltinPooling}'s max pooling (libnd4j's kernels without oneDNN) gives exactly DL4J's stock pooling outputs
 * and input errors in single precision: on ReLU-like images, whose windows often tie at 0 (the error goes to one
 * maximum), in the geometries the zoo uses and with padding.
 */
class BuiltinPoolingTest {

    private static Layer runtime(SubsamplingLayer conf, int size, int channels) {
        ComputationGraphConfiguration c = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").addLayer("pool", conf, "in").setOutputs("pool")
                .setInputTypes(InputType.convolutional(size, size, channels)).build();
        ComputationGraph g = new ComputationGraph(c);
        g.init();
        return g.getLayer("pool");
    }

    @ParameterizedTest
    @CsvSource({"2, 2, 0, false, 28", "2, 2, 0, false, 7", "3, 2, 0, true, 14", "3, 2, 0, true, 7", "3, 1, 1, false, 9",
                "3, 2, 1, false, 8"})
    void maxPoolingEqualsStockForwardAndBackward(int k, int s, int p, boolean same, int size) {
        SubsamplingLayer stock = new SubsamplingLayer.Builder(PoolingType.MAX, new int[] {k, k}, new int[] {s, s},
                new int[] {p, p}).convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate).build();
        Layer expected = runtime(stock, size, 3);
        Layer actual = runtime(BuiltinPooling.of(stock), size, 3);
        Nd4j.getRandom().setSeed(k * 100 + size);
        INDArray x = Transforms.relu(Nd4j.rand(DataType.FLOAT, 4, 3, size, size).subi(0.5f), false);
        x.putScalar(new long[] {0, 0, 0, 1}, x.getFloat(0, 0, 0, 0));             // a tie between positive values
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        expected.setInput(x, ws);
        actual.setInput(x, ws);
        INDArray y = expected.activate(true, ws);
        INDArray yJava = actual.activate(true, ws);
        assertArrayEquals(y.shape(), yJava.shape());
        assertEquals(y, yJava);
        INDArray eps = Nd4j.rand(DataType.FLOAT, y.shape());
        INDArray dx = expected.backpropGradient(eps, ws).getSecond();
        INDArray dxJava = actual.backpropGradient(eps, ws).getSecond();
        assertEquals(dx, dxJava);
        assertEquals(eps.sumNumber().doubleValue(), dxJava.sumNumber().doubleValue(), 1e-3, "every error reaches the input");
        assertTrue(x.eq(0).castTo(DataType.INT).sumNumber().intValue() > x.length() / 3, "windows tie at 0");
    }
}
