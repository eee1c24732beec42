package io.neurite.convolution;

/**
 * The output-size arithmetic of convolution and pooling along one spatial dimension:
 * <pre>  O = (W - F + 2P) / S + 1  </pre>
 * for input size W, filter (or pooling window) size F, zero padding P on each side and stride S.
 * The division must be exact, or the filter would not tile the padded input; {@link #flooredOutputSize} is the
 * rounded-down variant that frameworks use (DL4J's {@code ConvolutionMode.Truncate}, PyTorch, Keras 'valid'),
 * which silently drops the last rows and columns that do not fill a whole window.
 */
public final class ConvArithmetic {
    private ConvArithmetic() {}

    /** (W - F + 2P) / S + 1; fails, showing the arithmetic, when it is not a whole number of at least 1. */
    public static int outputSize(int inputSize, int filterSize, int padding, int stride) {
        int span = span(inputSize, filterSize, padding, stride);
        if (span % stride != 0) {
            throw new IllegalArgumentException(arithmetic(inputSize, filterSize, padding, stride) + " = "
                    + (span / (double) stride + 1) + ", not a whole number: the stride " + stride
                    + " must divide W - F + 2P = " + span + "; change the padding or the stride");
        }
        return span / stride + 1;
    }

    /** floor((W - F + 2P) / S) + 1: the windows that fit whole; fails when not even one does. */
    public static int flooredOutputSize(int inputSize, int filterSize, int padding, int stride) {
        return span(inputSize, filterSize, padding, stride) / stride + 1;
    }

    /** W - F + 2P, after checking the arguments and that the filter fits the padded input. */
    private static int span(int inputSize, int filterSize, int padding, int stride) {
        if (inputSize < 1 || filterSize < 1 || padding < 0 || stride < 1) {
            throw new IllegalArgumentException("need W >= 1, F >= 1, P >= 0, S >= 1; got W=" + inputSize + ", F="
                    + filterSize + ", P=" + padding + ", S=" + stride);
        }
        int span = inputSize - filterSize + 2 * padding;
        if (span < 0) {
            throw new IllegalArgumentException(arithmetic(inputSize, filterSize, padding, stride) + " < 1: the "
                    + filterSize + "-wide filter is larger than the " + (inputSize + 2 * padding) + "-wide padded input");
        }
        return span;
    }

    private static String arithmetic(int inputSize, int filterSize, int padding, int stride) {
        return "(W - F + 2P) / S + 1 with W=" + inputSize + ", F=" + filterSize + ", P=" + padding + ", S=" + stride
                + " is (" + inputSize + " - " + filterSize + " + " + 2 * padding + ") / " + stride + " + 1";
    }

    /**
     * The padding P = (F - 1) / 2 that keeps the output the size of the input at stride 1 ('same' padding).
     * F must be odd; an even filter would need padding (F - 1) / 2, which is not a whole number of pixels per side.
     */
    public static int samePadding(int filterSize) {
        if (filterSize < 1 || filterSize % 2 == 0) {
            throw new IllegalArgumentException("'same' padding (F - 1) / 2 needs an odd filter size F, got F=" + filterSize
                    + (filterSize > 0 ? ": (F - 1) / 2 = " + (filterSize - 1) / 2.0 + " pixels per side" : ""));
        }
        return (filterSize - 1) / 2;
    }
}
