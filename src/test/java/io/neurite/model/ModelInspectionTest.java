package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.neurite.core.Shape;

import io.neurite.convolution.ByHand;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reading a layer's activations and weights, and setting weights by hand, checked against convolution by hand. */
class ModelInspectionTest {

    /** The course's example through a DSL convolution: rows 1 5 5 5 and kernel [[1, -1], [1, -1]] give -8 0 0, plus the bias. */
    @Test
    void convActivationWithHandSetWeightsEqualsConvolutionByHand() {
        Model m = Model.sequential("edge").dataType(DataType.DOUBLE).input(Shape.image(4, 4, 1))
                .conv(1, 2).flatten().dense(2).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
        double[][] image = {{1, 5, 5, 5}, {1, 5, 5, 5}, {1, 5, 5, 5}, {1, 5, 5, 5}};
        double[][] kernel = {{1, -1}, {1, -1}};
        m.setWeights("conv2d_1", Nd4j.createFromArray(kernel).reshape(1, 1, 2, 2));
        m.setBias("conv2d_1", Nd4j.createFromArray(0.5));
        INDArray out = m.activation("conv2d_1", Nd4j.createFromArray(image).reshape(1, 1, 4, 4));
        assertArrayEquals(new long[] {1, 1, 3, 3}, out.shape());
        double[][] expected = {{-7.5, 0.5, 0.5}, {-7.5, 0.5, 0.5}, {-7.5, 0.5, 0.5}};
        assertArrayEquals(expected, out.reshape(3, 3).toDoubleMatrix());
        assertArrayEquals(kernel, m.weights("conv2d_1").reshape(2, 2).toDoubleMatrix());
    }

    /**
     * Weights are [filters, input channels, rows, cols]: out[f] = relu(sum_c in[c] * W[f][c] + b[f]), here with stride 2
     * and padding 1, random numbers, 3 input channels and 2 filters.
     */
    @Test
    void multiChannelStridedPaddedConvMatchesTheWeightLayoutContract() {
        Model m = Model.sequential("rgb").dataType(DataType.DOUBLE).input(Shape.image(7, 7, 3))
                .conv(2, 3).stride(2).padding(1).relu().flatten().dense(2).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
        Random rnd = new Random(11);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 2, 3, 3, 3).subi(0.5);
        INDArray b = Nd4j.createFromArray(0.1, -0.2);
        m.setWeights("conv2d_1", w).setBias("conv2d_1", b);
        double[][][] image = new double[3][7][7];
        for (double[][] ch : image) for (double[] row : ch) for (int j = 0; j < 7; j++) row[j] = rnd.nextGaussian();
        INDArray out = m.activation("conv2d_1", Nd4j.createFromArray(image).reshape(1, 3, 7, 7));
        assertArrayEquals(new long[] {1, 2, 4, 4}, out.shape(), "(7 - 3 + 2) / 2 + 1 = 4");
        for (int f = 0; f < 2; f++) {
            double[][] expected = new double[4][4];
            for (int c = 0; c < 3; c++) {
                double[][] part = ByHand.conv2d(image[c], w.slice(f).slice(c).toDoubleMatrix(), 2, 1);
                for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) expected[i][j] += part[i][j];
            }
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(Math.max(0, expected[i][j] + b.getDouble(f)), out.getDouble(0, f, i, j), 1e-12,
                            "filter " + f + " at (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void activationsAreKeyedByTheSummaryNamesInOrder() {
        Model m = Model.sequential("small").input(Shape.image(8, 8, 1)).conv(3, 3).relu().maxPool(2).flatten()
                .dense(4).relu().dense(2).softmax().build().compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
        Map<String, INDArray> acts = m.activations(Nd4j.rand(DataType.FLOAT, 5, 1, 8, 8));
        List<String> expected = new ArrayList<>(List.of("input"));
        m.spec().nodes().forEach(n -> expected.add(n.name()));
        assertEquals(expected, new ArrayList<>(acts.keySet()));
        assertArrayEquals(new long[] {5, 3, 6, 6}, acts.get("conv2d_1").shape());
        assertArrayEquals(new long[] {5, 3, 3, 3}, acts.get("maxpool2d_1").shape());
        assertEquals(0.0, acts.get("conv2d_1").minNumber().doubleValue(), 0, "fused relu: no negative outputs");
        assertEquals(m.predict(acts.get("input")), acts.get("dense_2"), "the last activation is the prediction");
        assertArrayEquals(new long[] {4, 2}, m.weights("dense_2").shape(), "dense weights are [inputs, units]");
    }

    @Test
    void clearErrorsForUnknownLayersLayersWithoutWeightsAndWrongShapes() {
        Model m = Model.sequential("small").input(Shape.image(8, 8, 1)).conv(3, 3).maxPool(2).flatten()
                .dense(2).softmax().build();
        IllegalStateException notCompiled = assertThrows(IllegalStateException.class, () -> m.weights("conv2d_1"));
        assertTrue(notCompiled.getMessage().contains("compile"), notCompiled.getMessage());
        m.compile(Loss.crossEntropy(), Optimizer.adam(1e-3));

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> m.weights("conv_1"));
        assertTrue(unknown.getMessage().contains("no layer 'conv_1'") && unknown.getMessage().contains("conv2d_1"),
                unknown.getMessage());
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class, () -> m.weights("maxpool2d_1"));
        assertTrue(pool.getMessage().contains("has no weights") && pool.getMessage().contains("[conv2d_1, dense_1]"),
                pool.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> m.setWeights("conv2d_1", Nd4j.zeros(DataType.FLOAT, 3, 3, 3)));
        assertTrue(shape.getMessage().contains("[3, 1, 3, 3]") && shape.getMessage().contains("[3, 3, 3]"),
                shape.getMessage());
        IllegalArgumentException bias = assertThrows(IllegalArgumentException.class,
                () -> m.setBias("conv2d_1", Nd4j.zeros(DataType.FLOAT, 2)));
        assertTrue(bias.getMessage().contains("has 3 biases"), bias.getMessage());
        assertArrayEquals(new long[] {3}, m.bias("conv2d_1").shape());
        IllegalArgumentException act = assertThrows(IllegalArgumentException.class,
                () -> m.activation("conv2d_9", Nd4j.rand(DataType.FLOAT, 1, 1, 8, 8)));
        assertTrue(act.getMessage().contains("conv2d_9"), act.getMessage());
    }
}
