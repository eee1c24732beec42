package io.neurite.convolution;

/**
 * Convolution and pooling on small single-channel matrices, computed exactly as written in the course, so
 * worked examples can be typed in and checked. Sizes follow {@link ConvArithmetic#outputSize}.
 */
public final class ByHand {
    private ByHand() {}

    /** The input surrounded by {@code padding} rows and columns of zeros on every side. */
    public static double[][] zeroPad(double[][] input, int padding) {
        Grids.checkRectangular(input);
        if (padding < 0) throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        int h = input.length, w = input[0].length;
        double[][] out = new double[h + 2 * padding][w + 2 * padding];
        for (int r = 0; r < h; r++) System.arraycopy(input[r], 0, out[r + padding], padding, w);
        return out;
    }

    /**
     * 2-D convolution as deep-learning frameworks define it (cross-correlation: the kernel is not flipped):
     * the input is zero-padded by P, then for each output position (i, j)
     * <pre>  out[i][j] = sum_u sum_v in[i S + u][j S + v] * k[u][v]  </pre>
     * the sum of the element-wise product of the kernel and the patch under it.
     */
    public static double[][] conv2d(double[][] input, double[][] kernel, int stride, int padding) {
        Grids.checkRectangular(kernel);
        double[][] in = zeroPad(input, padding);
        int kh = kernel.length, kw = kernel[0].length;
        int oh = ConvArithmetic.outputSize(input.length, kh, padding, stride);
        int ow = ConvArithmetic.outputSize(input[0].length, kw, padding, stride);
        double[][] out = new double[oh][ow];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                double sum = 0;
                for (int u = 0; u < kh; u++) {
                    for (int v = 0; v < kw; v++) sum += in[i * stride + u][j * stride + v] * kernel[u][v];
                }
                out[i][j] = sum;
            }
        }
        return out;
    }

    /** {@link #conv2d(double[][], double[][], int, int)} with stride 1 and no padding ('valid'). */
    public static double[][] conv2d(double[][] input, double[][] kernel) { return conv2d(input, kernel, 1, 0); }

    /** Max pooling: out[i][j] = the largest value in the size x size window at (i S, j S). No padding. */
    public static double[][] maxPool(double[][] input, int size, int stride) {
        return pool(input, size, stride, true);
    }

    /** Max pooling with non-overlapping windows (stride = size), the usual 2 x 2 / 2. */
    public static double[][] maxPool(double[][] input, int size) { return maxPool(input, size, size); }

    /** Average pooling: out[i][j] = the mean of the size x size window at (i S, j S). No padding. */
    public static double[][] avgPool(double[][] input, int size, int stride) {
        return pool(input, size, stride, false);
    }

    /** Average pooling with non-overlapping windows (stride = size). */
    public static double[][] avgPool(double[][] input, int size) { return avgPool(input, size, size); }

    private static double[][] pool(double[][] input, int size, int stride, boolean max) {
        Grids.checkRectangular(input);
        int oh = ConvArithmetic.outputSize(input.length, size, 0, stride);
        int ow = ConvArithmetic.outputSize(input[0].length, size, 0, stride);
        double[][] out = new double[oh][ow];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                double acc = max ? Double.NEGATIVE_INFINITY : 0;
                for (int u = 0; u < size; u++) {
                    for (int v = 0; v < size; v++) {
                        double x = input[i * stride + u][j * stride + v];
                        acc = max ? Math.max(acc, x) : acc + x;
                    }
                }
                out[i][j] = max ? acc : acc / (size * size);
            }
        }
        return out;
    }
}
