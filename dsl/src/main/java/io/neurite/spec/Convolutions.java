package io.neurite.spec;

/**
 * Which implementations compute a model's convolutions, pooling and hidden dense layers. Both compute the same
 * function with the same parameter count, initialisation distribution and canonical weight layout as seen through
 * {@code Model.weights}; they differ only in speed and in how DL4J stores the kernel.
 */
public enum Convolutions {
    /**
     * DL4J's stock layers: {@code ConvolutionLayer} (im2col in Java; kernel stored [filters, inChannels, kRows,
     * kCols]), {@code Deconvolution2D} (kernel stored [inChannels, filters, kRows, kCols]), {@code SubsamplingLayer},
     * {@code DenseLayer}, {@code OutputLayer}, and Adam as libnd4j's {@code adam_updater} op.
     */
    DL4J,
    /**
     * {@link io.neurite.nativeops.NativeConv2D}: libnd4j's conv2d op (oneDNN where available), kernel stored
     * [kRows, kCols, inChannels, filters], and {@link io.neurite.nativeops.NativeDeconv2D} (libnd4j's deconv2d op
     * in SameDiff, kernel stored [kRows, kCols, filters, inChannels]). A convolution whose activation has no SameDiff
     * equivalent (e.g. softmax) falls back to {@link #DL4J}. Pooling on {@link io.neurite.nativeops.BuiltinPooling} (max pooling in Java, other
     * pooling on libnd4j's kernels without oneDNN), hidden dense layers on {@link io.neurite.nativeops.LeanDense} (no second forward computation in
     * backprop; no error computed for a network input nothing reads), dense outputs on
     * {@link io.neurite.nativeops.LeanOutput} (z once per step), Adam on {@link io.neurite.train.LeanAdam} (its update
     * as a Java loop).
     */
    NATIVE;

    /** The engine models use unless their builder says otherwise: {@link #NATIVE} (about 4x faster training). */
    public static final Convolutions DEFAULT = NATIVE;
}
