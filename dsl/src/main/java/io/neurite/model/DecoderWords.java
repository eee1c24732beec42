package io.neurite.model;

import io.neurite.layers.Deconv2D;
import io.neurite.layers.Reshape;
import io.neurite.layers.Upsampling2D;

/** Layers that grow images, as decoders and generators need: reshape, upsampling, transposed convolution. */
public interface DecoderWords<T extends Chain<T>> extends Chain<T> {
    /** A vector of height*width*channels values as an image (the inverse of {@code flatten()}). */
    default T reshape(long height, long width, long channels) { return then(new Reshape(height, width, channels)); }

    /** Every pixel repeated {@code size} x {@code size} times: (h, w, c) to (h*size, w*size, c). */
    default T upsample(int size) { return then(new Upsampling2D(size)); }

    /**
     * {@code filters} transposed convolutions with square kernels of side {@code kernel}, stride 1, valid padding:
     * out = S(W - 1) + F; with {@code .stride(2).same()}, out = 2W.
     */
    default T deconv(int filters, int kernel) { return then(Deconv2D.of(filters, kernel, kernel)); }
}
