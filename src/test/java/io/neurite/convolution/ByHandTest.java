package io.neurite.convolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

class ByHandTest {

    static void assertMatrixEquals(double[][] expected, double[][] actual, double tol) {
        assertEquals(expected.length, actual.length, "rows");
        for (int r = 0; r < expected.length; r++) assertArrayEquals(expected[r], actual[r], tol, "row " + r);
    }

    /** The course's vertical-edge example: the edge between the 1s and the 5s shows up as -8 in the first column. */
    @Test
    void verticalEdgeExample() {
        double[][] input = {{1, 5, 5, 5}, {1, 5, 5, 5}, {1, 5, 5, 5}, {1, 5, 5, 5}};
        double[][] kernel = {{1, -1}, {1, -1}};
        double[][] expected = {{-8, 0, 0}, {-8, 0, 0}, {-8, 0, 0}};
        assertMatrixEquals(expected, ByHand.conv2d(input, kernel), 0);
        assertEquals("-8  0  0\n-8  0  0\n-8  0  0\n", Grids.toText(ByHand.conv2d(input, kernel)));
    }

    @Test
    void strideAndPaddingByHand() {
        double[][] input = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        double[][] box = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
        // padded by 1 to 5x5, 3x3 window of ones at stride 2, (3 - 3 + 2) / 2 + 1 = 2 positions a side:
        // 1+2+4+5 = 12, 2+3+5+6 = 16, 4+5+7+8 = 24, 5+6+8+9 = 28 (the padding adds zeros)
        assertMatrixEquals(new double[][] {{12, 16}, {24, 28}}, ByHand.conv2d(input, box, 2, 1), 0);
        // stride 1, 'same' padding: each output is the sum of its 3x3 neighbourhood
        double[][] same = ByHand.conv2d(input, box, 1, ConvArithmetic.samePadding(3));
        assertMatrixEquals(new double[][] {{12, 21, 16}, {27, 45, 33}, {24, 39, 28}}, same, 0);
    }

    @Test
    void zeroPad() {
        assertMatrixEquals(new double[][] {{0, 0, 0}, {0, 7, 0}, {0, 0, 0}}, ByHand.zeroPad(new double[][] {{7}}, 1), 0);
    }

    @Test
    void poolingByHand() {
        double[][] input = {{1, 3, 2, 1}, {4, 6, 5, 0}, {3, 2, 1, 0}, {1, 2, 3, 4}};
        assertMatrixEquals(new double[][] {{6, 5}, {3, 4}}, ByHand.maxPool(input, 2), 0);
        assertMatrixEquals(new double[][] {{3.5, 2}, {2, 2}}, ByHand.avgPool(input, 2), 0);
        // overlapping 3x3 windows at stride 1
        assertMatrixEquals(new double[][] {{6, 6}, {6, 6}}, ByHand.maxPool(input, 3, 1), 0);
        assertMatrixEquals(new double[][] {{27 / 9.0, 20 / 9.0}, {27 / 9.0, 23 / 9.0}}, ByHand.avgPool(input, 3, 1), 1e-12);
    }

    @Test
    void conv2dAgreesWithNd4jNativeConvolution() {
        var rnd = new Random(3);
        int[][] configs = {{7, 3, 1, 1}, {9, 3, 2, 0}, {9, 5, 2, 2}, {8, 2, 1, 0}, {11, 3, 2, 1}}; // W, F, S, P
        for (int[] c : configs) {
            double[][] input = random(rnd, c[0], c[0]);
            double[][] kernel = random(rnd, c[1], c[1]);
            INDArray x = Nd4j.createFromArray(input).reshape(1, 1, c[0], c[0]);        // NCHW
            INDArray w = Nd4j.createFromArray(kernel).reshape(c[1], c[1], 1, 1);       // [kH, kW, in, out]
            Conv2DConfig conf = Conv2DConfig.builder().kH(c[1]).kW(c[1]).sH(c[2]).sW(c[2]).pH(c[3]).pW(c[3]).build();
            INDArray out = Nd4j.cnn().conv2d(x, w, conf);
            int o = ConvArithmetic.outputSize(c[0], c[1], c[3], c[2]);
            assertArrayEquals(new long[] {1, 1, o, o}, out.shape(), "output shape for W, F, S, P = " + java.util.Arrays.toString(c));
            assertMatrixEquals(out.reshape(o, o).toDoubleMatrix(), ByHand.conv2d(input, kernel, c[2], c[3]), 1e-12);
        }
    }

    @Test
    void poolingAgreesWithNd4j() {
        var rnd = new Random(5);
        double[][] input = random(rnd, 8, 8);
        INDArray x = Nd4j.createFromArray(input).reshape(1, 1, 8, 8);
        for (int[] ks : new int[][] {{2, 2}, {3, 1}, {4, 2}}) {
            Pooling2DConfig conf = Pooling2DConfig.builder().kH(ks[0]).kW(ks[0]).sH(ks[1]).sW(ks[1]).build();
            int o = ConvArithmetic.outputSize(8, ks[0], 0, ks[1]);
            assertMatrixEquals(Nd4j.cnn().maxPooling2d(x, conf).reshape(o, o).toDoubleMatrix(),
                    ByHand.maxPool(input, ks[0], ks[1]), 1e-12);
            assertMatrixEquals(Nd4j.cnn().avgPooling2d(x, conf).reshape(o, o).toDoubleMatrix(),
                    ByHand.avgPool(input, ks[0], ks[1]), 1e-12);
        }
    }

    @Test
    void badShapesAreNamed() {
        var ragged = assertThrows(IllegalArgumentException.class,
                () -> ByHand.conv2d(new double[][] {{1, 2}, {3}}, new double[][] {{1}}));
        assertTrue(ragged.getMessage().contains("row 1 has 1 columns"), ragged.getMessage());
        var big = assertThrows(IllegalArgumentException.class,
                () -> ByHand.conv2d(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}));
        assertTrue(big.getMessage().contains("W=2, F=3"), big.getMessage());
        var stride = assertThrows(IllegalArgumentException.class, () -> ByHand.maxPool(new double[5][5], 2));
        assertTrue(stride.getMessage().contains("W=5, F=2, P=0, S=2"), stride.getMessage());
    }

    private static double[][] random(Random rnd, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int j = 0; j < cols; j++) row[j] = rnd.nextGaussian();
        return m;
    }
}
