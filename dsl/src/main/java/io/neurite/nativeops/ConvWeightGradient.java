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
 * as one matrix product of the unfolded input, cols [(u, v, c), (n, i, j)] with a last row of ones (which yields db),
 * with delta seen as [o, (n, i, j)]. For a first layer, whose input is data, this is all the backward pass needs;
 * libnd4j's {@code conv2d_bp} (oneDNN) always computes the input's error too and is slow for one input channel. The
 * unfolding (im2col) is done in Java from a zero-padded copy of each image: libnd4j's {@code im2col} op took ~10x as
 * long (PERFORMANCE.md). Batches whose unfolded input would exceed {@link #MAX_COLS} values (or the limit given) are
 * unfolded in parts, the products summed.
 */
final class ConvWeightGradient {
    /** The most values unfolded at once (64 MB in single precision). */
    static final long MAX_COLS = 16L << 20;

    private final int channels;
    private final int height;
    private final int width;
    private final int[] kernel;
    private final int[] stride;
    private final int[] dilation;
    private final int[] padTopLeft;
    private final int kernelArea;
    private final int outHeight;
    private final int outWidth;
    private final int pixels;
    /** The image with its padding: rows and columns of the zero-padded plane each sample's channel is copied into. */
    private final int paddedHeight;
    private final int paddedWidth;
    private final long maxCols;
    private INDArray cols;
    private INDArray errors;
    private INDArray product;

    /** For input [., channels, height, width], kernel, stride, dilation, top and left padding and output size. */
    ConvWeightGradient(int channels, int height, int width, int[] kernel, int[] stride, int[] dilation, int[] padTopLeft,
                       int outHeight, int outWidth) {
        this(channels, height, width, kernel, stride, dilation, padTopLeft, outHeight, outWidth, MAX_COLS);
    }

    /** As the other constructor, unfolding at most {@code maxCols} values at once. */
    ConvWeightGradient(int channels, int height, int width, int[] kernel, int[] stride, int[] dilation, int[] padTopLeft,
                       int outHeight, int outWidth, long maxCols) {
        this.maxCols = maxCols;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.dilation = dilation.clone();
        this.padTopLeft = padTopLeft.clone();
        this.kernelArea = kernel[0] * kernel[1];
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.pixels = outHeight * outWidth;
        this.paddedHeight = Math.max(height + padTopLeft[0], (outHeight - 1) * stride[0] + (kernel[0] - 1) * dilation[0] + 1);
        this.paddedWidth = Math.max(width + padTopLeft[1], (outWidth - 1) * stride[1] + (kernel[1] - 1) * dilation[1] + 1);
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
        int part = (int) Math.max(1, Math.min(n, maxCols / ((long) (rows + 1) * pixels)));
        INDArray flatX = contiguous(x);
        for (int start = 0; start < n; start += part) {
            int size = Math.min(part, n - start);
            INDArray colsPart = buffers(x.dataType(), part, outputs, rows, size);
            INDArray errorsPart = errors.get(NDArrayIndex.all(), NDArrayIndex.interval(0, size), NDArrayIndex.all());
            errorsPart.assign(delta.get(NDArrayIndex.interval(start, start + size)).reshape('c', size, outputs, pixels)
                    .permute(1, 0, 2));
            unfold(flatX, start, size, colsPart);
            INDArray errors2 = errorsPart.reshape('c', outputs, (long) size * pixels);
            Nd4j.gemm(colsPart, errors2, product, false, true, 1.0, start == 0 ? 0.0 : 1.0);
        }
        dW.assign(product.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()).reshape('c', dW.shape()));
        if (db != null) db.assign(product.get(NDArrayIndex.point(rows), NDArrayIndex.all()));
    }

    /** The unfolding of {@code size} samples, [(u, v, c) and a row of ones, (n, i, j)], in buffers kept for {@code part}. */
    private INDArray buffers(DataType type, int part, int outputs, int rows, int size) {
        if (cols == null || cols.dataType() != type || cols.size(1) != (long) part * pixels || errors.size(0) != outputs) {
            cols = Nd4j.createUninitializedDetached(type, rows + 1, (long) part * pixels);
            cols.getRow(rows).assign(1);
            errors = Nd4j.createUninitializedDetached(type, outputs, part, pixels);
            product = Nd4j.createUninitializedDetached(type, rows + 1, outputs);
        }
        if (size == part) return cols;
        INDArray last = Nd4j.createUninitializedDetached(type, rows + 1, (long) size * pixels);
        last.getRow(rows).assign(1);
        return last;
    }

    private static INDArray contiguous(INDArray x) {
        boolean plain = x.ordering() == 'c' && x.offset() == 0 && x.data().length() == x.length() && !x.isView();
        return plain ? x : x.dup('c');
    }

    /**
     * cols[(u, v, c), (k, i, j)] = x[start + k, c, i sH + u dH - pTop, j sW + v dW - pLeft], 0 outside: each sample's
     * channel is copied into a zero-padded plane once, and each (u, v) plane of cols is then read from it by plain
     * loops (vectorised for stride 1) without bounds to check; copying runs of image rows one call at a time was
     * two thirds of this product's time for LeNet's first layer.
     */
    private void unfold(INDArray x, int start, int size, INDArray target) {
        boolean single = x.dataType() == DataType.FLOAT;
        if (!single && x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("convolution weight gradient: FLOAT or DOUBLE input expected, got "
                    + x.dataType());
        }
        int plane = height * width;
        if (single) {
            FloatBuffer in = x.data().asNioFloat();
            FloatBuffer out = target.data().asNioFloat();
            float[] image = new float[plane];
            float[] padded = new float[paddedHeight * paddedWidth];
            float[] unfolded = new float[pixels];
            for (int k = 0; k < size; k++) {
                for (int c = 0; c < channels; c++) {
                    in.get(((start + k) * channels + c) * plane, image);
                    for (int r = 0; r < height; r++) {
                        System.arraycopy(image, r * width, padded, (r + padTopLeft[0]) * paddedWidth + padTopLeft[1], width);
                    }
                    for (int uv = 0; uv < kernelArea; uv++) {
                        int origin = (uv / kernel[1]) * dilation[0] * paddedWidth + (uv % kernel[1]) * dilation[1];
                        for (int i = 0; i < outHeight; i++) {
                            int from = origin + i * stride[0] * paddedWidth;
                            int to = i * outWidth;
                            if (stride[1] == 1) {
                                for (int j = 0; j < outWidth; j++) unfolded[to + j] = padded[from + j];
                            } else {
                                for (int j = 0; j < outWidth; j++) unfolded[to + j] = padded[from + j * stride[1]];
                            }
                        }
                        out.put(((uv * channels + c) * size + k) * pixels, unfolded);
                    }
                }
            }
            return;
        }
        DoubleBuffer in = x.data().asNioDouble();
        DoubleBuffer out = target.data().asNioDouble();
        double[] image = new double[plane];
        double[] padded = new double[paddedHeight * paddedWidth];
        double[] unfolded = new double[pixels];
        for (int k = 0; k < size; k++) {
            for (int c = 0; c < channels; c++) {
                in.get(((start + k) * channels + c) * plane, image);
                for (int r = 0; r < height; r++) {
                    System.arraycopy(image, r * width, padded, (r + padTopLeft[0]) * paddedWidth + padTopLeft[1], width);
                }
                for (int uv = 0; uv < kernelArea; uv++) {
                    int origin = (uv / kernel[1]) * dilation[0] * paddedWidth + (uv % kernel[1]) * dilation[1];
                    for (int i = 0; i < outHeight; i++) {
                        int from = origin + i * stride[0] * paddedWidth;
                        int to = i * outWidth;
                        for (int j = 0; j < outWidth; j++) unfolded[to + j] = padded[from + j * stride[1]];
                    }
                    out.put(((uv * channels + c) * size + k) * pixels, unfolded);
                }
            }
        }
    }
}
