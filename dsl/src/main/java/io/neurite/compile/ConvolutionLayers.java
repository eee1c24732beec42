package io.neurite.compile;

import io.neurite.layers.Conv2D;
import io.neurite.layers.DepthwiseConv2D;
import io.neurite.layers.DropPath;
import io.neurite.layers.GlobalPooling;
import io.neurite.core.Shape;
import io.neurite.layers.LayerSpec;
import io.neurite.layers.Padding;
import io.neurite.layers.Pooling2D;
import io.neurite.layers.SqueezeExcite;
import io.neurite.layers.ZeroPadding;
import io.neurite.nativeops.BuiltinPooling;
import io.neurite.nativeops.DropPathDropout;
import io.neurite.nativeops.NativeConv2D;
import io.neurite.nativeops.NativeSqueezeExcite;
import io.neurite.spec.Convolutions;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;

/**
 * Convolutions, pooling and padding. A {@link Conv2D} becomes {@link NativeConv2D} when the engine is
 * {@link Convolutions#NATIVE} and NativeConv2D computes its activation, DL4J's ConvolutionLayer otherwise; a
 * {@link Pooling2D} becomes {@link BuiltinPooling} (DL4J's pooling, max pooling in Java, the rest without oneDNN: faster) with the native engine. EfficientNet's
 * pieces: a {@link DepthwiseConv2D} becomes DL4J's DepthwiseConvolution2D (libnd4j's depthwise_conv2d op),
 * {@link SqueezeExcite} a {@link NativeSqueezeExcite}, {@link DropPath} a DropoutLayer whose dropout is
 * {@link DropPathDropout}.
 */
final class ConvolutionLayers implements LayerFamily {
    @Override
    public Layer toLayer(LayerSpec layer, Shape input, Convolutions engine) {
        if (layer instanceof Conv2D c) {
            return engine == Convolutions.NATIVE && NativeConv2D.supports(c.activation().toDl4j()) ? nativeConv(c) : stockConv(c);
        }
        if (layer instanceof DepthwiseConv2D d) {
            return new DepthwiseConvolution2D.Builder(d.kernel().toArray(), d.stride().toArray(), padding(d.padding()))
                    .depthMultiplier(1).convolutionMode(mode(d.padding())).nIn(input.channels())
                    .nOut(input.channels()).hasBias(d.bias()).activation(d.activation().toDl4j())
                    .weightInit(d.effectiveInit().dl4j()).l1(d.penalty().l1()).l2(d.penalty().l2()).build();
        }
        if (layer instanceof SqueezeExcite se) return NativeSqueezeExcite.of(se.reduced());
        if (layer instanceof DropPath dp) return new DropoutLayer.Builder().dropOut(new DropPathDropout(dp.rate())).build();
        if (layer instanceof Pooling2D p) {
            SubsamplingLayer stock = new SubsamplingLayer.Builder(poolingType(p.pool()), p.window().toArray(),
                    p.stride().toArray(), padding(p.padding())).convolutionMode(mode(p.padding())).build();
            return engine == Convolutions.NATIVE ? BuiltinPooling.of(stock) : stock;
        }
        if (layer instanceof GlobalPooling gp) return new GlobalPoolingLayer.Builder(poolingType(gp.pool())).build();
        if (layer instanceof ZeroPadding z) return new ZeroPaddingLayer.Builder(z.top(), z.bottom(), z.left(), z.right()).build();
        return null;
    }

    private static ConvolutionLayer stockConv(Conv2D c) {
        return new ConvolutionLayer.Builder(c.kernel().toArray(), c.stride().toArray(), padding(c.padding()))
                .dilation(c.dilation().toArray()).convolutionMode(mode(c.padding())).nOut(c.filters())
                .hasBias(c.bias())
                .activation(c.activation().toDl4j()).weightInit(c.effectiveInit().dl4j())
                .l1(c.penalty().l1()).l2(c.penalty().l2()).build();
    }

    /** The same convolution as the stock mapping, computed by libnd4j's conv2d op. */
    private static NativeConv2D nativeConv(Conv2D c) {
        NativeConv2D.Builder b = NativeConv2D.builder().nOut(c.filters())
                .kernel(c.kernel().rows(), c.kernel().cols()).stride(c.stride().rows(), c.stride().cols())
                .dilation(c.dilation().rows(), c.dilation().cols()).hasBias(c.bias())
                .activation(c.activation().toDl4j()).weightInit(c.effectiveInit().dl4j());
        if (c.padding().mode() == Padding.Mode.SAME) b.same();
        else b.padding(c.padding().rows(), c.padding().cols());
        return b.l1(c.penalty().l1()).l2(c.penalty().l2()).build();
    }

    private static PoolingType poolingType(Pooling2D.PoolType type) {
        return type == Pooling2D.PoolType.MAX ? PoolingType.MAX : PoolingType.AVG;
    }

    private static int[] padding(Padding p) {
        return new int[] {p.rows(), p.cols()};
    }

    private static ConvolutionMode mode(Padding p) {
        return p.mode() == Padding.Mode.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }
}
