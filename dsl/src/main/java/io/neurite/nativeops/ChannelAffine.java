package io.neurite.nativeops;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-channel arithmetic over [n, c, ...] arrays (channels on axis 1) for batch normalization: the channels' means and
 * variances, y = x s_c + t_c, the two sums of the backward pass and dx = a_c dy + b_c x + e_c.
 * <p>
 * Every loop runs over a span of one sample's block of c x (h w) values at once, the same span of every sample in
 * turn, with the per-channel numbers spread out to one per position of the span: sums add each sample's span into an
 * accumulator span (acc[j] += x[s, j], summed per channel once at the end), the element-wise formulas read their
 * coefficients at the same index. Such loops have no scalar carried from one element to the next, so the JIT
 * vectorises them; a running sum per channel does not vectorise (floating-point addition is not reassociated), and
 * took 4-6x as long (PERFORMANCE.md). Float arrays are computed in float (the JIT vectorises no casts between float
 * and double), each position's sum over the batch in float and the per-channel totals in double; double arrays in
 * double. libnd4j's batchnorm op took about 5x as long as the affine loop on [64, 16, 28, 28] floats, and its
 * broadcasts and reductions along axis 1 stride through memory.
 */
final class ChannelAffine {
    /** The most positions of a sample's block handled at once (the accumulators stay in the core's cache). */
    static final int SPAN = 8192;

    private ChannelAffine() { }

    /** Whether these loops take arrays like {@code x}: float or double, channels on axis 1. */
    static boolean applies(INDArray x, int axis) {
        DataType t = x.dataType();
        return axis == 1 && x.rank() >= 2 && (t == DataType.FLOAT || t == DataType.DOUBLE)
                && x.length() <= Integer.MAX_VALUE;
    }

    /** Each channel's mean and (biased) variance, the mean of (x - mean)^2: {mean, variance}. */
    static double[][] meanAndVariance(INDArray x) { return meanAndVariance(x, SPAN); }

    /** As {@link #meanAndVariance(INDArray)}, with spans of at most {@code span} positions. */
    static double[][] meanAndVariance(INDArray x, int span) {
        Samples in = new Samples(x, span);
        double[] mean = new double[in.channels];
        double[] var = new double[in.channels];
        for (int from = 0; from < in.block; from += span) {
            int len = Math.min(span, in.block - from);
            if (in.single) {
                float[] acc = new float[len];
                for (int s = 0; s < in.n; s++) {
                    float[] v = in.floats(s, from, len);
                    for (int j = 0; j < len; j++) acc[j] += v[j];
                }
                in.addPerChannel(acc, from, len, mean);
            } else {
                double[] acc = new double[len];
                for (int s = 0; s < in.n; s++) {
                    double[] v = in.doubles(s, from, len);
                    for (int j = 0; j < len; j++) acc[j] += v[j];
                }
                in.addPerChannel(acc, from, len, mean);
            }
        }
        double count = (double) in.n * in.inner;
        for (int ch = 0; ch < in.channels; ch++) mean[ch] /= count;
        for (int from = 0; from < in.block; from += span) {
            int len = Math.min(span, in.block - from);
            if (in.single) {
                float[] mu = in.spreadFloats(mean, from, len);
                float[] acc = new float[len];
                for (int s = 0; s < in.n; s++) {
                    float[] v = in.floats(s, from, len);
                    for (int j = 0; j < len; j++) {
                        float d = v[j] - mu[j];
                        acc[j] += d * d;
                    }
                }
                in.addPerChannel(acc, from, len, var);
            } else {
                double[] mu = in.spreadDoubles(mean, from, len);
                double[] acc = new double[len];
                for (int s = 0; s < in.n; s++) {
                    double[] v = in.doubles(s, from, len);
                    for (int j = 0; j < len; j++) {
                        double d = v[j] - mu[j];
                        acc[j] += d * d;
                    }
                }
                in.addPerChannel(acc, from, len, var);
            }
        }
        for (int ch = 0; ch < in.channels; ch++) var[ch] /= count;
        return new double[][] {mean, var};
    }

    /** out = x s_c + t_c; {@code out} a fresh c-order array of x's shape and type. */
    static void apply(INDArray x, double[] s, double[] t, INDArray out) { apply(x, s, t, out, SPAN); }

    /** As {@link #apply(INDArray, double[], double[], INDArray)}, with spans of at most {@code span} positions. */
    static void apply(INDArray x, double[] s, double[] t, INDArray out, int span) {
        Samples in = new Samples(x, span);
        Samples to = new Samples(out, span);
        for (int from = 0; from < in.block; from += span) {
            int len = Math.min(span, in.block - from);
            if (in.single) {
                float[] sv = in.spreadFloats(s, from, len).clone();
                float[] tv = in.spreadFloats(t, from, len);
                for (int k = 0; k < in.n; k++) {
                    float[] v = in.floats(k, from, len);
                    for (int j = 0; j < len; j++) v[j] = v[j] * sv[j] + tv[j];
                    to.write(k, from, v, len);
                }
            } else {
                double[] sv = in.spreadDoubles(s, from, len).clone();
                double[] tv = in.spreadDoubles(t, from, len);
                for (int k = 0; k < in.n; k++) {
                    double[] v = in.doubles(k, from, len);
                    for (int j = 0; j < len; j++) v[j] = v[j] * sv[j] + tv[j];
                    to.write(k, from, v, len);
                }
            }
        }
    }

    /** Per channel, sum dy and sum dy (x - mu_c), dy of x's type: {sumDy, sumDyCentred}. */
    static double[][] backwardSums(INDArray dy, INDArray x, double[] mu) { return backwardSums(dy, x, mu, SPAN); }

    /** As {@link #backwardSums(INDArray, INDArray, double[])}, with spans of at most {@code span} positions. */
    static double[][] backwardSums(INDArray dy, INDArray x, double[] mu, int span) {
        Samples d = new Samples(dy, span);
        Samples in = new Samples(x, span);
        double[] sumDy = new double[mu.length];
        double[] sumDyX = new double[mu.length];
        for (int from = 0; from < in.block; from += span) {
            int len = Math.min(span, in.block - from);
            if (in.single) {
                float[] m = in.spreadFloats(mu, from, len);
                float[] acc = new float[len];
                float[] accX = new float[len];
                for (int s = 0; s < in.n; s++) {
                    float[] g = d.floats(s, from, len);
                    float[] v = in.floats(s, from, len);
                    for (int j = 0; j < len; j++) {
                        acc[j] += g[j];
                        accX[j] += g[j] * (v[j] - m[j]);
                    }
                }
                in.addPerChannel(acc, from, len, sumDy);
                in.addPerChannel(accX, from, len, sumDyX);
            } else {
                double[] m = in.spreadDoubles(mu, from, len);
                double[] acc = new double[len];
                double[] accX = new double[len];
                for (int s = 0; s < in.n; s++) {
                    double[] g = d.doubles(s, from, len);
                    double[] v = in.doubles(s, from, len);
                    for (int j = 0; j < len; j++) {
                        acc[j] += g[j];
                        accX[j] += g[j] * (v[j] - m[j]);
                    }
                }
                in.addPerChannel(acc, from, len, sumDy);
                in.addPerChannel(accX, from, len, sumDyX);
            }
        }
        return new double[][] {sumDy, sumDyX};
    }

    /** out = a_c dy + b_c x + e_c; dy of x's type, {@code out} a fresh c-order array of x's shape and type. */
    static void combine(INDArray dy, INDArray x, double[] a, double[] b, double[] e, INDArray out) {
        combine(dy, x, a, b, e, out, SPAN);
    }

    /** As {@link #combine(INDArray, INDArray, double[], double[], double[], INDArray)}, spans of {@code span}. */
    static void combine(INDArray dy, INDArray x, double[] a, double[] b, double[] e, INDArray out, int span) {
        Samples d = new Samples(dy, span);
        Samples in = new Samples(x, span);
        Samples to = new Samples(out, span);
        for (int from = 0; from < in.block; from += span) {
            int len = Math.min(span, in.block - from);
            if (in.single) {
                float[] av = in.spreadFloats(a, from, len).clone();
                float[] bv = in.spreadFloats(b, from, len).clone();
                float[] ev = in.spreadFloats(e, from, len);
                for (int k = 0; k < in.n; k++) {
                    float[] g = d.floats(k, from, len);
                    float[] v = in.floats(k, from, len);
                    for (int j = 0; j < len; j++) v[j] = av[j] * g[j] + bv[j] * v[j] + ev[j];
                    to.write(k, from, v, len);
                }
            } else {
                double[] av = in.spreadDoubles(a, from, len).clone();
                double[] bv = in.spreadDoubles(b, from, len).clone();
                double[] ev = in.spreadDoubles(e, from, len);
                for (int k = 0; k < in.n; k++) {
                    double[] g = d.doubles(k, from, len);
                    double[] v = in.doubles(k, from, len);
                    for (int j = 0; j < len; j++) v[j] = av[j] * g[j] + bv[j] * v[j] + ev[j];
                    to.write(k, from, v, len);
                }
            }
        }
    }

    /**
     * An array [n, c, ...] seen as n blocks of c x inner values, read and written a span of a block at a time: the
     * array itself when contiguous in c order (always so for the fresh arrays written to), else a c-order copy to read.
     */
    private static final class Samples {
        final int n;
        final int channels;
        final int inner;
        final int block;
        private final int offset;
        private final int room;
        /** Whether the values are floats (else doubles). */
        final boolean single;
        private final FloatBuffer floatData;
        private final DoubleBuffer doubleData;
        private float[] floats;
        private double[] doubles;
        private float[] spreadF;
        private double[] spreadD;

        Samples(INDArray a, int span) {
            INDArray array = a.ordering() == 'c' && a.elementWiseStride() == 1 ? a : a.dup('c');
            offset = (int) array.offset();
            n = (int) array.size(0);
            channels = (int) array.size(1);
            block = n == 0 ? 0 : (int) (array.length() / n);
            inner = channels == 0 ? 0 : block / channels;
            room = Math.min(span, block);
            single = array.dataType() == DataType.FLOAT;
            floatData = single ? array.data().asNioFloat() : null;    // the whole buffer: offset() indexes into it
            doubleData = single ? null : array.data().asNioDouble();
        }

        /** Positions from..from+len of sample s's block, in a buffer reused by the next read. */
        float[] floats(int s, int from, int len) {
            if (floats == null) floats = new float[room];
            floatData.get(offset + s * block + from, floats, 0, len);
            return floats;
        }

        /** As {@link #floats}, of a double array. */
        double[] doubles(int s, int from, int len) {
            if (doubles == null) doubles = new double[room];
            doubleData.get(offset + s * block + from, doubles, 0, len);
            return doubles;
        }

        void write(int s, int from, float[] v, int len) { floatData.put(offset + s * block + from, v, 0, len); }

        void write(int s, int from, double[] v, int len) { doubleData.put(offset + s * block + from, v, 0, len); }

        /** Per position from..from+len of a block, its channel's value (reused by the next spread). */
        float[] spreadFloats(double[] perChannel, int from, int len) {
            if (spreadF == null) spreadF = new float[room];
            for (int j = 0; j < len; ) {
                int ch = (from + j) / inner;
                int end = Math.min(len, (ch + 1) * inner - from);
                Arrays.fill(spreadF, j, end, (float) perChannel[ch]);
                j = end;
            }
            return spreadF;
        }

        /** As {@link #spreadFloats}, in double. */
        double[] spreadDoubles(double[] perChannel, int from, int len) {
            if (spreadD == null) spreadD = new double[room];
            for (int j = 0; j < len; ) {
                int ch = (from + j) / inner;
                int end = Math.min(len, (ch + 1) * inner - from);
                Arrays.fill(spreadD, j, end, perChannel[ch]);
                j = end;
            }
            return spreadD;
        }

        /** total[channel] += the sum of acc over that channel's positions within from..from+len. */
        void addPerChannel(float[] acc, int from, int len, double[] total) {
            for (int j = 0; j < len; ) {
                int ch = (from + j) / inner;
                int end = Math.min(len, (ch + 1) * inner - from);
                double sum = 0;
                for (; j < end; j++) sum += acc[j];
                total[ch] += sum;
            }
        }

        /** As {@link #addPerChannel(float[], int, int, double[])}, in double. */
        void addPerChannel(double[] acc, int from, int len, double[] total) {
            for (int j = 0; j < len; ) {
                int ch = (from + j) / inner;
                int end = Math.min(len, (ch + 1) * inner - from);
                double sum = 0;
                for (; j < end; j++) sum += acc[j];
                total[ch] += sum;
            }
        }
    }
}
