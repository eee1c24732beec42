package io.neurite.nativeops;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameter gradients of a 2-D convolution (input x [n, c, h, w], kernel stored [kH, kW, c, o]) from the error
 * delta [n, o, oH, oW] at its pre-activation output, without the input's error:
 * <pre>
 *   dW[u, v, c, o] = sum_{n, i, j} delta[n, o, i, j] * x[n, c, i sH + u dH - pTop, j sW + v dW - pLeft]   (x = 0 outside)
 *   db[o]          = sum_{n, i, j} delta[n, o, i, j]
 * </pre>
 * as one matrix product of the unfolded input, cols [(u, v, c), (n, i, j)], with delta seen as [o, (n, i, j)]. For a
 * first layer, whose input is data, this is all the backward pass needs; libnd4j's {@code conv2d_bp} (oneDNN) always
 * computes the input's error too and is slow for one input channel. The unfolding (im2col) is a gather through an
 * index map made once per geometry: libnd4j's {@code im2col} op took ~10x as long (PERFORMANCE.md). Batches whose
 * unfolded input would exceed {@link #MAX_COLS} values are unfolded in parts, the products summed.
 */
final class ConvWeightGradient {
    /** The most values unfolded at once (64 MB in single precision). */
    static final long MAX_COLS = 16L << 20;

    private final int channels;
    private final int height;
    private final int width;
    private final int kernelArea;
    private final int pixels;
    /** source[(u, v), (i, j)]: the offset of x[., ., i sH + u dH - pTop, j sW + v dW - pLeft] in a channel, -1 outside. */
    private final int[] source;
    private INDArray cols;
    private INDArray errors;

    /** For input [., channels, height, width], kernel, stride, dilation, top and left padding and output size. */
    ConvWeightGradient(int channels, int height, int width, int[] kernel, int[] stride, int[] dilation, int[] padTopLeft,
                       int outHeight, int outWidth) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.kernelArea = kernel[0] * kernel[1];
        this.pixels = outHeight * outWidth;
        this.source = new int[kernelArea * pixels];
        for (int u = 0; u < kernel[0]; u++) {
            for (int v = 0; v < kernel[1]; v++) {
                int base = (u * kernel[1] + v) * pixels;
                for (int i = 0; i < outHeight; i++) {
                    int r = i * stride[0] + u * dilation[0] - padTopLeft[0];
                    for (int j = 0; j < outWidth; j++) {
                        int q = j * stride[1] + v * dilation[1] - padTopLeft[1];
                        boolean inside = r >= 0 && r < height && q >= 0 && q < width;
                        source[base + i * outWidth + j] = inside ? r * width + q : -1;
                    }
                }
            }
        }
    }

    /** Whether this was made for inputs of {@code channels} x {@code height} x {@code width}. */
    boolean fits(long channels, long height, long width) {
        return channels == this.channels && height == this.height && width == this.width;
    }

    /** Writes dW into {@code dW} [kH, kW, c, o] and, when not null, db into {@code db} [o]. */
    void compute(INDArray x, INDArray delta, INDArray dW, INDArray db) {
        int n = (int) x.size(0);
        int outputs = (int) delta.size(1);
        int rows = kernelArea * channels;
        int part = (int) Math.max(1, Math.min(n, MAX_COLS / ((long) rows * pixels)));
        INDArray flatX = contiguous(x);
        INDArray dW2 = dW.reshape('c', rows, outputs);
        for (int start = 0; start < n; start += part) {
            int size = Math.min(part, n - start);
            INDArray colsPart = buffers(x.dataType(), part, outputs, rows, size);
            INDArray errorsPart = errors.get(NDArrayIndex.all(), NDArrayIndex.interval(0, size), NDArrayIndex.all());
            errorsPart.assign(delta.get(NDArrayIndex.interval(start, start + size)).reshape('c', size, outputs, pixels)
                    .permute(1, 0, 2));
            unfold(flatX, start, size, colsPart);
            INDArray errors2 = errorsPart.reshape('c', outputs, (long) size * pixels);
            Nd4j.gemm(colsPart, errors2, dW2, false, true, 1.0, start == 0 ? 0.0 : 1.0);
            if (db != null) {
                INDArray sums = errors2.sum(1);
                if (start == 0) db.assign(sums);
                else db.addi(sums);
            }
        }
        if (dW2.data() != dW.data()) dW.assign(dW2.reshape('c', dW.shape()));
    }

    /** The unfolding of {@code size} samples as a [(u, v, c), (n, i, j)] matrix, in buffers kept for {@code part}. */
    private INDArray buffers(DataType type, int part, int outputs, int rows, int size) {
        if (cols == null || cols.dataType() != type || cols.size(1) != (long) part * pixels || errors.size(0) != outputs) {
            cols = Nd4j.createUninitializedDetached(type, rows, (long) part * pixels);
            errors = Nd4j.createUninitializedDetached(type, outputs, part, pixels);
        }
        return size == part ? cols : Nd4j.createUninitializedDetached(type, rows, (long) size * pixels);
    }

    private static INDArray contiguous(INDArray x) {
        boolean plain = x.ordering() == 'c' && x.offset() == 0 && x.data().length() == x.length() && !x.isView();
        return plain ? x : x.dup('c');
    }

    /** cols[(u, v, c), (k, i, j)] = x[start + k, c, ...] through the index map, zeros where it is -1. */
    private void unfold(INDArray x, int start, int size, INDArray target) {
        int plane = height * width;
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer in = x.data().asNioFloat();
            FloatBuffer out = target.data().asNioFloat();
            float[] image = new float[plane];
            float[] unfolded = new float[pixels];
            for (int k = 0; k < size; k++) {
                for (int c = 0; c < channels; c++) {
                    in.get(((start + k) * channels + c) * plane, image);
                    for (int uv = 0; uv < kernelArea; uv++) {
                        int base = uv * pixels;
                        for (int p = 0; p < pixels; p++) {
                            int s = source[base + p];
                            unfolded[p] = s < 0 ? 0f : image[s];
                        }
                        out.put(((uv * channels + c) * size + k) * pixels, unfolded);
                    }
                }
            }
        } else if (x.dataType() == DataType.DOUBLE) {
            DoubleBuffer in = x.data().asNioDouble();
            DoubleBuffer out = target.data().asNioDouble();
            double[] image = new double[plane];
            double[] unfolded = new double[pixels];
            for (int k = 0; k < size; k++) {
                for (int c = 0; c < channels; c++) {
                    in.get(((start + k) * channels + c) * plane, image);
                    for (int uv = 0; uv < kernelArea; uv++) {
                        int base = uv * pixels;
                        for (int p = 0; p < pixels; p++) {
                            int s = source[base + p];
                            unfolded[p] = s < 0 ? 0 : image[s];
                        }
                        out.put(((uv * channels + c) * size + k) * pixels, unfolded);
                    }
                }
            }
        } else {
            throw new IllegalArgumentException("convolution weight gradient: FLOAT or DOUBLE input expected, got "
                    + x.dataType());
        }
    }
}
