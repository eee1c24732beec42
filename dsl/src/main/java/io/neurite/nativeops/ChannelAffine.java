package io.neurite.nativeops;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * y = x s_c + t_c, each channel c (axis 1 of [n, c, ...]) scaled and shifted: batch normalization in inference, with
 * s = gamma / sqrt(var + eps) and t = beta - mu s. A loop in Java over chunks of the contiguous arrays, which the JIT
 * vectorises: libnd4j's {@code batchnorm} op took about 5x as long on [64, 16, 28, 28] (PERFORMANCE.md).
 */
final class ChannelAffine {
    private static final int CHUNK = 4096;

    private ChannelAffine() { }

    /** Whether {@link #apply} computes y for {@code x}: float or double, channels on axis 1. */
    static boolean applies(INDArray x, int axis) {
        DataType t = x.dataType();
        return axis == 1 && x.rank() >= 2 && (t == DataType.FLOAT || t == DataType.DOUBLE)
                && x.length() <= Integer.MAX_VALUE;
    }

    /**
     * out = x s_c + t_c, with s and t of length c (computed in double, applied in x's type); {@code out} is a fresh
     * c-order array of x's shape and type. A strided x (a permuted convolution output) is first copied to c order.
     */
    static void apply(INDArray x, double[] s, double[] t, INDArray out) {
        INDArray in = x.ordering() == 'c' && x.elementWiseStride() == 1 ? x : x.dup('c');
        int inner = (int) (in.length() / (in.size(0) * in.size(1)));
        if (in.dataType() == DataType.DOUBLE) doubles(in, s, t, out, inner);
        else floats(in, s, t, out, inner);
    }

    private static void floats(INDArray x, double[] s, double[] t, INDArray out, int inner) {
        FloatBuffer in = x.data().asNioFloat();        // the whole underlying buffer: offset() indexes into it
        FloatBuffer to = out.data().asNioFloat();
        int xo = (int) x.offset();
        int oo = (int) out.offset();
        int c = s.length;
        float[] buf = new float[CHUNK];
        int n = (int) x.length();
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            in.get(xo + from, buf, 0, len);
            for (int k = 0; k < len; ) {                 // runs of one channel within the chunk
                int row = (from + k) / inner;
                int end = Math.min(len, (row + 1) * inner - from);
                float si = (float) s[row % c];
                float ti = (float) t[row % c];
                for (; k < end; k++) buf[k] = buf[k] * si + ti;
            }
            to.put(oo + from, buf, 0, len);
        }
    }

    private static void doubles(INDArray x, double[] s, double[] t, INDArray out, int inner) {
        DoubleBuffer in = x.data().asNioDouble();
        DoubleBuffer to = out.data().asNioDouble();
        int xo = (int) x.offset();
        int oo = (int) out.offset();
        int c = s.length;
        double[] buf = new double[CHUNK];
        int n = (int) x.length();
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            in.get(xo + from, buf, 0, len);
            for (int k = 0; k < len; ) {
                int row = (from + k) / inner;
                int end = Math.min(len, (row + 1) * inner - from);
                double si = s[row % c];
                double ti = t[row % c];
                for (; k < end; k++) buf[k] = buf[k] * si + ti;
            }
            to.put(oo + from, buf, 0, len);
        }
    }
}
