package io.neurite.model;

import io.neurite.layers.Conv2D;
import io.neurite.layers.DepthwiseConv2D;
import io.neurite.layers.DropPath;
import io.neurite.layers.GlobalPooling;
import io.neurite.layers.LocalResponseNorm;
import io.neurite.layers.Pooling2D;
import io.neurite.layers.Pooling2D.PoolType;
import io.neurite.layers.Size2;
import io.neurite.layers.SqueezeExcite;
import io.neurite.layers.ZeroPadding;

/** Convolution, pooling and padding layers. */
public interface ConvolutionWords<T extends Chain<T>> extends Chain<T> {
    /** {@code filters} square kernels of side {@code kernel}, stride 1, valid padding. */
    default T conv(int filters, int kernel) { return conv(filters, kernel, kernel); }

    /** {@code filters} kernels of kernelRows x kernelCols, stride 1, valid padding. */
    default T conv(int filters, int kernelRows, int kernelCols) { return then(Conv2D.of(filters, kernelRows, kernelCols)); }

    /** One square kernel of side {@code kernel} per input channel, stride 1, valid padding (channels unchanged). */
    default T depthwiseConv(int kernel) { return then(DepthwiseConv2D.of(kernel, kernel)); }

    /** Squeeze-and-excitation: each channel scaled by a gate computed from all channels' means through {@code reduced} units. */
    default T squeezeExcite(int reduced) { return then(new SqueezeExcite(reduced)); }

    /** Drop-path (stochastic depth): in training each example's whole input is dropped with probability {@code rate}. */
    default T dropPath(double rate) { return then(new DropPath(rate)); }

    /** Non-overlapping max pooling over size x size windows. */
    default T maxPool(int size) { return then(Pooling2D.of(PoolType.MAX, size)); }

    /** Max pooling over size x size windows moved by {@code stride}. */
    default T maxPool(int size, int stride) { return then(Pooling2D.of(PoolType.MAX, size).withStride(Size2.of("stride", stride, stride))); }

    /** Non-overlapping average pooling over size x size windows. */
    default T avgPool(int size) { return then(Pooling2D.of(PoolType.AVG, size)); }

    /** Average pooling over size x size windows moved by {@code stride}. */
    default T avgPool(int size, int stride) { return then(Pooling2D.of(PoolType.AVG, size).withStride(Size2.of("stride", stride, stride))); }

    /** Mean of each channel over all positions (of each feature over all steps, on a sequence). */
    default T globalAvgPool() { return then(new GlobalPooling(PoolType.AVG)); }

    /** Maximum of each channel over all positions (of each feature over all steps, on a sequence). */
    default T globalMaxPool() { return then(new GlobalPooling(PoolType.MAX)); }

    /** AlexNet's local response normalization. */
    default T lrn() { return then(LocalResponseNorm.alexNet()); }

    /** {@code pixels} rows and columns of zeros on every side. */
    default T zeroPad(int pixels) { return then(new ZeroPadding(pixels, pixels, pixels, pixels)); }
}
