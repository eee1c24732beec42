package io.neurite.nativeops;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-channel arithmetic over [n, c, ...] arrays (channels on axis 1) for batch normalization: the channels' means and
 * variances, y = x s_c + t_c, the two sums of the backward pass and dx = a_c dy + b_c x + e_c. Loops in Java over
 * chunks of the contiguous arrays, which the JIT vectorises (y and dx in the arrays' own type, as it vectorises no
 * casts between float and double; sums in double): libnd4j's batchnorm op took about 5x as long as the affine loop
 * on [64, 16, 28, 28] floats, and its broadcasts and reductions along axis 1 stride through memory (PERFORMANCE.md).
 */
final class ChannelAffine {
    private static final int CHUNK = 4096;

    private ChannelAffine() { }

    /** Whether these loops take arrays like {@code x}: float or double, channels on axis 1. */
    static boolean applies(INDArray x, int axis) {
        DataType t = x.dataType();
        return axis == 1 && x.rank() >= 2 && (t == DataType.FLOAT || t == DataType.DOUBLE)
                && x.length() <= Integer.MAX_VALUE;
    }

    /** Each channel's mean and (biased) variance, the mean of (x - mean)^2: {mean, variance}. */
    static double[][] meanAndVariance(INDArray x) {
        Chunks in = new Chunks(x);
        int c = (int) x.size(1);
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int from = 0; from < in.length; from += CHUNK) {
            double[] v = in.read(from);
            for (int k = 0; k < in.len; ) {
                int ch = in.channel(from + k);
                int end = in.runEnd(from, k);
                double sum = 0;
                for (; k < end; k++) sum += v[k];
                mean[ch] += sum;
            }
        }
        double count = (double) in.length / c;
        for (int ch = 0; ch < c; ch++) mean[ch] /= count;
        for (int from = 0; from < in.length; from += CHUNK) {
            double[] v = in.read(from);
            for (int k = 0; k < in.len; ) {
                int ch = in.channel(from + k);
                int end = in.runEnd(from, k);
                double mu = mean[ch];
                double sum = 0;
                for (; k < end; k++) sum += (v[k] - mu) * (v[k] - mu);
                var[ch] += sum;
            }
        }
        for (int ch = 0; ch < c; ch++) var[ch] /= count;
        return new double[][] {mean, var};
    }

    /** out = x s_c + t_c; {@code out} a fresh c-order array of x's shape and type. */
    static void apply(INDArray x, double[] s, double[] t, INDArray out) {
        Chunks in = new Chunks(x);
        Chunks to = new Chunks(out);
        for (int from = 0; from < in.length; from += CHUNK) {
            if (in.floats != null) {                     // float arithmetic: the JIT vectorises no float-double casts
                float[] v = in.readFloats(from);
                for (int k = 0; k < in.len; ) {
                    int ch = in.channel(from + k);
                    int end = in.runEnd(from, k);
                    float si = (float) s[ch];
                    float ti = (float) t[ch];
                    for (; k < end; k++) v[k] = v[k] * si + ti;
                }
                to.writeFloats(from, v, in.len);
                continue;
            }
            double[] v = in.read(from);
            for (int k = 0; k < in.len; ) {
                int ch = in.channel(from + k);
                int end = in.runEnd(from, k);
                double si = s[ch];
                double ti = t[ch];
                for (; k < end; k++) v[k] = v[k] * si + ti;
            }
            to.write(from, v, in.len);
        }
    }

    /** Per channel, sum dy and sum dy (x - mu_c): {sumDy, sumDyCentred}. */
    static double[][] backwardSums(INDArray dy, INDArray x, double[] mu) {
        Chunks d = new Chunks(dy);
        Chunks in = new Chunks(x);
        double[] sumDy = new double[mu.length];
        double[] sumDyX = new double[mu.length];
        for (int from = 0; from < in.length; from += CHUNK) {
            double[] g = d.read(from);
            double[] v = in.read(from);
            for (int k = 0; k < in.len; ) {
                int ch = in.channel(from + k);
                int end = in.runEnd(from, k);
                double m = mu[ch];
                double s1 = 0;
                double s2 = 0;
                for (; k < end; k++) {
                    s1 += g[k];
                    s2 += g[k] * (v[k] - m);
                }
                sumDy[ch] += s1;
                sumDyX[ch] += s2;
            }
        }
        return new double[][] {sumDy, sumDyX};
    }

    /** out = a_c dy + b_c x + e_c; {@code out} a fresh c-order array of x's shape and type. */
    static void combine(INDArray dy, INDArray x, double[] a, double[] b, double[] e, INDArray out) {
        Chunks d = new Chunks(dy);
        Chunks in = new Chunks(x);
        Chunks to = new Chunks(out);
        for (int from = 0; from < in.length; from += CHUNK) {
            if (in.floats != null && d.floats != null) {
                float[] g = d.readFloats(from);
                float[] v = in.readFloats(from);
                for (int k = 0; k < in.len; ) {
                    int ch = in.channel(from + k);
                    int end = in.runEnd(from, k);
                    float ai = (float) a[ch];
                    float bi = (float) b[ch];
                    float ei = (float) e[ch];
                    for (; k < end; k++) v[k] = ai * g[k] + bi * v[k] + ei;
                }
                to.writeFloats(from, v, in.len);
                continue;
            }
            double[] g = d.read(from);
            double[] v = in.read(from);
            for (int k = 0; k < in.len; ) {
                int ch = in.channel(from + k);
                int end = in.runEnd(from, k);
                double ai = a[ch];
                double bi = b[ch];
                double ei = e[ch];
                for (; k < end; k++) v[k] = ai * g[k] + bi * v[k] + ei;
            }
            to.write(from, v, in.len);
        }
    }

    /**
     * An array read and written a chunk of doubles at a time: the array itself when contiguous in c order (always so
     * for the fresh arrays written to), else a c-order copy to read.
     */
    private static final class Chunks {
        private final INDArray array;
        private final int offset;
        private final int length;
        private final int inner;
        private final int channels;
        private final double[] values = new double[CHUNK];
        private final float[] floats;
        private final FloatBuffer floatData;
        private final DoubleBuffer doubleData;
        private int len;

        Chunks(INDArray a) {
            array = a.ordering() == 'c' && a.elementWiseStride() == 1 ? a : a.dup('c');
            offset = (int) array.offset();
            length = (int) array.length();
            channels = (int) array.size(1);
            inner = (int) (length / (array.size(0) * channels));
            boolean single = array.dataType() == DataType.FLOAT;
            floats = single ? new float[CHUNK] : null;
            floatData = single ? array.data().asNioFloat() : null;    // the whole buffer: offset() indexes into it
            doubleData = single ? null : array.data().asNioDouble();
        }

        /** The channel of element {@code i} in c order. */
        int channel(int i) { return i / inner % channels; }

        /** The end (within the chunk at {@code from}) of the run of one channel that starts at chunk index k. */
        int runEnd(int from, int k) { return Math.min(len, ((from + k) / inner + 1) * inner - from); }

        /** Elements from..from+len of the array (len = the chunk's length there), as doubles. */
        double[] read(int from) {
            len = Math.min(CHUNK, length - from);
            if (floats == null) {
                doubleData.get(offset + from, values, 0, len);
            } else {
                floatData.get(offset + from, floats, 0, len);
                for (int i = 0; i < len; i++) values[i] = floats[i];
            }
            return values;
        }

        /** Elements from..from+len of a float array, as floats. */
        float[] readFloats(int from) {
            len = Math.min(CHUNK, length - from);
            floatData.get(offset + from, floats, 0, len);
            return floats;
        }

        /** Writes {@code n} floats into elements from..from+n of a float array. */
        void writeFloats(int from, float[] v, int n) { floatData.put(offset + from, v, 0, n); }

        /** Writes {@code n} values into elements from..from+n. */
        void write(int from, double[] v, int n) {
            if (floats == null) {
                doubleData.put(offset + from, v, 0, n);
            } else {
                for (int i = 0; i < n; i++) floats[i] = (float) v[i];
                floatData.put(offset + from, floats, 0, n);
            }
        }
    }
}
