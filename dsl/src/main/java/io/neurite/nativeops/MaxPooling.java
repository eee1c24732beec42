package io.neurite.nativeops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2D max pooling of NCHW planes written out in Java, as libnd4j's {@code maxpool2d} and {@code maxpool2d_bp} compute
 * it: the window of output (i, j) covers input rows i s_h - p_h .. + k_h - 1 and columns j s_w - p_w .. + k_w - 1,
 * padding never winning; y = the window's maximum, and dL/dx[winner] += dL/dy where the winner is the window's first
 * position (row-major) holding the maximum, so ties go to one input as libnd4j sends them.
 *
 * <p>Planes are copied, a batch of them at a time, into a buffer with a border of -infinity, so that every window is
 * a fixed set of offsets from its first position and all loops run over the whole batch (the planes of the reduced
 * GoogLeNet are as small as 4 x 4, too short for loops per row). The forward pass takes running maxima over k_w
 * neighbouring positions, then over k_h neighbouring rows of those, for every position (loops the JIT vectorises), and
 * reads the outputs at the windows' first positions; it keeps y. The backward pass goes through the window offsets
 * in row-major order and sends each output's error to the first position equal to its maximum.
 */
final class MaxPooling {
    private static final int BATCH_POSITIONS = 16_384;

    private final int kH, kW, sH, sW, pH, pW, iH, iW, oH, oW;
    private final int rows, cols;        // of a padded plane
    private final int perBatch;          // planes per batch
    private final int[] firsts;          // each output's window start in a batch of padded planes
    private float[] keptFloats = new float[0];
    private double[] keptDoubles = new double[0];

    /**
     * The pooling of inH x inW images with this kernel and stride, and this padding on each side, or with
     * {@code pad == null} DL4J's 'same' mode (ceil(i / s) outputs, half the padding it needs at the top and left,
     * rounded down).
     */
    static MaxPooling of(int[] kernel, int[] stride, int[] pad, int inH, int inW) {
        if (pad != null) {
            return new MaxPooling(kernel, stride, pad, inH, inW, (inH + 2 * pad[0] - kernel[0]) / stride[0] + 1,
                    (inW + 2 * pad[1] - kernel[1]) / stride[1] + 1);
        }
        int outH = (inH + stride[0] - 1) / stride[0], outW = (inW + stride[1] - 1) / stride[1];
        int[] top = {((outH - 1) * stride[0] + kernel[0] - inH) / 2, ((outW - 1) * stride[1] + kernel[1] - inW) / 2};
        return new MaxPooling(kernel, stride, top, inH, inW, outH, outW);
    }

    private MaxPooling(int[] kernel, int[] stride, int[] pad, int inH, int inW, int outH, int outW) {
        kH = kernel[0];
        kW = kernel[1];
        sH = stride[0];
        sW = stride[1];
        pH = pad[0];
        pW = pad[1];
        iH = inH;
        iW = inW;
        oH = outH;
        oW = outW;
        rows = Math.max(pH + iH, (oH - 1) * sH + kH);
        cols = Math.max(pW + iW, (oW - 1) * sW + kW);
        perBatch = Math.max(1, BATCH_POSITIONS / (rows * cols));
        firsts = new int[perBatch * oH * oW];
        for (int p = 0, o = 0; p < perBatch; p++) {
            for (int i = 0; i < oH; i++) {
                for (int j = 0; j < oW; j++) firsts[o++] = p * rows * cols + i * sH * cols + j * sW;
            }
        }
    }

    /** Whether every window holds at least one input (else libnd4j's ops, which report such geometries, run). */
    boolean valid() { return pH >= 0 && pW >= 0 && pH < kH && pW < kW && oH > 0 && oW > 0; }

    int outputRows() { return oH; }

    int outputColumns() { return oW; }

    /** Whether this geometry is the one of input x (rows and columns). */
    boolean fits(INDArray x) { return x.size(2) == iH && x.size(3) == iW; }

    /** y = max pooling of x (both NCHW, y fresh in c order, or null to only keep the maxima for {@link #backward}). */
    void forward(INDArray x, INDArray y) {
        Planes in = new Planes(x);
        Planes out = y == null ? null : new Planes(y);
        int outPlane = oH * oW, count = in.count();
        if (in.single()) {
            if (keptFloats.length != count * outPlane) keptFloats = new float[count * outPlane];
            float[] plane = new float[iH * iW], result = new float[outPlane];
            float[] padded = new float[perBatch * rows * cols], across = new float[padded.length];
            Arrays.fill(padded, Float.NEGATIVE_INFINITY);
            for (int p0 = 0; p0 < count; p0 += perBatch) {
                int m = Math.min(perBatch, count - p0), n = m * rows * cols;
                for (int p = 0; p < m; p++) {
                    in.read(p0 + p, plane);
                    pad(plane, padded, p);
                }
                int end = n - kW + 1;
                System.arraycopy(padded, 0, across, 0, end);
                for (int d = 1; d < kW; d++) maxShifted(across, padded, d, end);
                end = n - (kH - 1) * cols;
                System.arraycopy(across, 0, padded, 0, end);
                for (int d = 1; d < kH; d++) maxShifted(padded, across, d * cols, end);     // window maxima
                for (int o = 0, at = p0 * outPlane; o < m * outPlane; o++) keptFloats[at + o] = padded[firsts[o]];
                if (out != null) {
                    for (int p = 0; p < m; p++) {
                        System.arraycopy(keptFloats, (p0 + p) * outPlane, result, 0, outPlane);
                        out.write(p0 + p, result);
                    }
                }
                Arrays.fill(padded, Float.NEGATIVE_INFINITY);
            }
        } else {
            if (keptDoubles.length != count * outPlane) keptDoubles = new double[count * outPlane];
            double[] plane = new double[iH * iW], result = new double[outPlane];
            double[] padded = new double[perBatch * rows * cols], across = new double[padded.length];
            Arrays.fill(padded, Double.NEGATIVE_INFINITY);
            for (int p0 = 0; p0 < count; p0 += perBatch) {
                int m = Math.min(perBatch, count - p0), n = m * rows * cols;
                for (int p = 0; p < m; p++) {
                    in.read(p0 + p, plane);
                    pad(plane, padded, p);
                }
                int end = n - kW + 1;
                System.arraycopy(padded, 0, across, 0, end);
                for (int d = 1; d < kW; d++) maxShifted(across, padded, d, end);
                end = n - (kH - 1) * cols;
                System.arraycopy(across, 0, padded, 0, end);
                for (int d = 1; d < kH; d++) maxShifted(padded, across, d * cols, end);
                for (int o = 0, at = p0 * outPlane; o < m * outPlane; o++) keptDoubles[at + o] = padded[firsts[o]];
                if (out != null) {
                    for (int p = 0; p < m; p++) {
                        System.arraycopy(keptDoubles, (p0 + p) * outPlane, result, 0, outPlane);
                        out.write(p0 + p, result);
                    }
                }
                Arrays.fill(padded, Double.NEGATIVE_INFINITY);
            }
        }
    }

    /** dx = dy sent to the winners of x's windows (x the input of the last {@link #forward}; dx fresh, c order). */
    void backward(INDArray x, INDArray dy, INDArray dx) {
        Planes in = new Planes(x);
        Planes errors = new Planes(dy);
        Planes target = new Planes(dx);
        int outPlane = oH * oW, count = in.count();
        if (in.single()) {
            float[] plane = new float[iH * iW], e = new float[perBatch * outPlane], max = new float[e.length];
            float[] padded = new float[perBatch * rows * cols], d = new float[padded.length];
            Arrays.fill(padded, Float.NEGATIVE_INFINITY);
            for (int p0 = 0; p0 < count; p0 += perBatch) {
                int m = Math.min(perBatch, count - p0), outs = m * outPlane;
                for (int p = 0; p < m; p++) {
                    in.read(p0 + p, plane);
                    pad(plane, padded, p);
                    errors.read(p0 + p, e, p * outPlane, outPlane);
                }
                System.arraycopy(keptFloats, p0 * outPlane, max, 0, outs);
                Arrays.fill(d, 0f);
                for (int o = 0; o < outs; o++) d[winner(padded, firsts[o], max[o])] += e[o];
                for (int p = 0; p < m; p++) {
                    unpad(d, p, plane);
                    target.write(p0 + p, plane);
                }
            }
        } else {
            double[] plane = new double[iH * iW], e = new double[perBatch * outPlane], max = new double[e.length];
            double[] padded = new double[perBatch * rows * cols], d = new double[padded.length];
            Arrays.fill(padded, Double.NEGATIVE_INFINITY);
            for (int p0 = 0; p0 < count; p0 += perBatch) {
                int m = Math.min(perBatch, count - p0), outs = m * outPlane;
                for (int p = 0; p < m; p++) {
                    in.read(p0 + p, plane);
                    pad(plane, padded, p);
                    errors.read(p0 + p, e, p * outPlane, outPlane);
                }
                System.arraycopy(keptDoubles, p0 * outPlane, max, 0, outs);
                Arrays.fill(d, 0);
                for (int o = 0; o < outs; o++) d[winner(padded, firsts[o], max[o])] += e[o];
                for (int p = 0; p < m; p++) {
                    unpad(d, p, plane);
                    target.write(p0 + p, plane);
                }
            }
        }
    }

    /** into[q] = max(into[q], from[q + shift]) for q &lt; end: a loop the JIT vectorises (kept small for it). */
    private static void maxShifted(float[] into, float[] from, int shift, int end) {
        for (int q = 0; q < end; q++) into[q] = Math.max(into[q], from[q + shift]);
    }

    private static void maxShifted(double[] into, double[] from, int shift, int end) {
        for (int q = 0; q < end; q++) into[q] = Math.max(into[q], from[q + shift]);
    }

    /** The first position of the window starting at {@code first} in a batch of padded planes that holds {@code max}. */
    private int winner(float[] padded, int first, float max) {
        for (int h = 0, row = first; h < kH; h++, row += cols) {
            for (int q = row; q < row + kW; q++) {
                if (padded[q] == max) return q;
            }
        }
        return first;       // not reached: max is one of the window's values
    }

    private int winner(double[] padded, int first, double max) {
        for (int h = 0, row = first; h < kH; h++, row += cols) {
            for (int q = row; q < row + kW; q++) {
                if (padded[q] == max) return q;
            }
        }
        return first;
    }

    /** Copies an input plane into padded plane p of a batch (its border stays -infinity). */
    private void pad(Object plane, Object padded, int p) {
        for (int h = 0; h < iH; h++) System.arraycopy(plane, h * iW, padded, (p * rows + pH + h) * cols + pW, iW);
    }

    /** Copies padded plane p of a batch, less its border, into an input plane. */
    private void unpad(Object padded, int p, Object plane) {
        for (int h = 0; h < iH; h++) System.arraycopy(padded, (p * rows + pH + h) * cols + pW, plane, h * iW, iW);
    }
}
