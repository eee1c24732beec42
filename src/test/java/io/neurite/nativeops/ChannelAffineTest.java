package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ChannelAffineTest {
    /**
     * The loops against libnd4j's reductions and broadcasts of the same formulas, on images and vectors, in double
     * (to 1e-12) and float (to 1e-5), with spans that cut channels and samples' blocks anywhere (7 positions with 9
     * per channel), the whole block at once, and an input that is a permuted view rather than a contiguous array.
     */
    @Test
    void statisticsAffineAndBackwardSumsEqualTheFormulas() {
        Nd4j.getRandom().setSeed(11);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            double tol = type == DataType.DOUBLE ? 1e-12 : 1e-5;
            INDArray images = Nd4j.rand(type, 5, 3, 3, 3).muli(4).addi(2);
            INDArray permuted = Nd4j.rand(type, 5, 3, 3, 3).muli(3).subi(1).permute(0, 1, 3, 2);
            INDArray vectors = Nd4j.rand(type, 6, 4).muli(5).subi(2);
            for (INDArray x : new INDArray[] {images, permuted, vectors}) {
                for (int span : new int[] {7, ChannelAffine.SPAN}) {
                    check(x, span, tol, type + " " + java.util.Arrays.toString(x.shape()) + " span " + span);
                }
            }
        }
    }

    private static void check(INDArray x, int span, double tol, String what) {
        int c = (int) x.size(1);
        int[] dims = x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
        INDArray dy = Nd4j.rand(x.dataType(), x.shape()).subi(0.5);
        double[] mean = x.mean(dims).toDoubleVector();
        double[] var = x.var(false, dims).toDoubleVector();
        double[][] stats = ChannelAffine.meanAndVariance(x, span);
        assertClose(mean, stats[0], tol, what + " mean");
        assertClose(var, stats[1], tol, what + " variance");

        double[] s = {1.5, -0.5, 2, 0.25};
        double[] t = {-1, 0.5, 3, 2};
        INDArray sv = Nd4j.createFromArray(java.util.Arrays.copyOf(s, c)).castTo(x.dataType());
        INDArray tv = Nd4j.createFromArray(java.util.Arrays.copyOf(t, c)).castTo(x.dataType());
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        ChannelAffine.apply(x, s, t, out, span);
        assertClose(x.mul(shaped(sv, x)).add(shaped(tv, x)), out, tol, what + " x s + t");

        INDArray muv = Nd4j.createFromArray(mean).castTo(x.dataType());
        INDArray centred = x.sub(shaped(muv, x));
        double[][] sums = ChannelAffine.backwardSums(dy, x, mean, span);
        assertClose(dy.sum(dims).toDoubleVector(), sums[0], tol, what + " sum dy");
        assertClose(dy.mul(centred).sum(dims).toDoubleVector(), sums[1], tol, what + " sum dy (x - mu)");

        double[] e = {0.1, 0.2, -0.3, 0.4};
        INDArray ev = Nd4j.createFromArray(java.util.Arrays.copyOf(e, c)).castTo(x.dataType());
        INDArray dx = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        ChannelAffine.combine(dy, x, s, t, e, dx, span);
        INDArray expected = dy.mul(shaped(sv, x)).add(x.mul(shaped(tv, x))).add(shaped(ev, x));
        assertClose(expected, dx, tol, what + " a dy + b x + e");
    }

    /** A per-channel vector shaped to broadcast against x: [1, c] for vectors, [1, c, 1, 1] for images. */
    private static INDArray shaped(INDArray perChannel, INDArray x) {
        return x.rank() == 4 ? perChannel.reshape(1, perChannel.length(), 1, 1) : perChannel.reshape(1, perChannel.length());
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol * scale,
                    what + "[" + i + "]: " + actual[i] + " instead of " + expected[i]);
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertClose(expected.castTo(DataType.DOUBLE).reshape(expected.length()).toDoubleVector(),
                actual.castTo(DataType.DOUBLE).reshape(actual.length()).toDoubleVector(), tol, what);
    }
}
