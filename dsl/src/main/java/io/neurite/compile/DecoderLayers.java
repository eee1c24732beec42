package io.neurite.compile;

import io.neurite.core.Shape;
import io.neurite.layers.Deconv2D;
import io.neurite.layers.LayerSpec;
import io.neurite.layers.Padding;
import io.neurite.layers.Upsampling2D;
import io.neurite.nativeops.NativeDeconv2D;
import io.neurite.spec.Convolutions;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D.Builder;

/**
 * Layers that grow images: {@link Upsampling2D} becomes DL4J's Upsampling2D; {@link Deconv2D} becomes
 * {@link NativeDeconv2D} (libnd4j's deconv2d op in SameDiff) when the engine is {@link Convolutions#NATIVE} and it
 * computes the activation, DL4J's Deconvolution2D otherwise (weights seen [input channels, filters, kh, kw] either way).
 */
final class DecoderLayers implements LayerFamily {
    @Override
    public Layer toLayer(LayerSpec layer, Shape input, Convolutions engine) {
        if (layer instanceof Upsampling2D u) return new Builder(u.size()).build();
        if (layer instanceof Deconv2D d) {
            return engine == Convolutions.NATIVE && NativeDeconv2D.supports(d.activation().toDl4j())
                    ? nativeDeconv(d) : stockDeconv(d);
        }
        return null;
    }

    private static Deconvolution2D stockDeconv(Deconv2D d) {
        Padding p = d.padding();
        return new Deconvolution2D.Builder(d.kernel().toArray(), d.stride().toArray(), new int[] {p.rows(), p.cols()})
                .convolutionMode(p.mode() == Padding.Mode.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                .nOut(d.filters()).hasBias(d.bias())
                .activation(d.activation().toDl4j()).weightInit(d.effectiveInit().dl4j())
                .l1(d.penalty().l1()).l2(d.penalty().l2()).build();
    }

    /** The same transposed convolution as the stock mapping, computed by libnd4j's deconv2d op in SameDiff. */
    private static NativeDeconv2D nativeDeconv(Deconv2D d) {
        NativeDeconv2D.Builder b = NativeDeconv2D.builder().nOut(d.filters())
                .kernel(d.kernel().rows(), d.kernel().cols()).stride(d.stride().rows(), d.stride().cols())
                .hasBias(d.bias()).activation(d.activation().toDl4j()).weightInit(d.effectiveInit().dl4j());
        if (d.padding().mode() == Padding.Mode.SAME) b.same();
        else b.padding(d.padding().rows(), d.padding().cols());
        return b.l1(d.penalty().l1()).l2(d.penalty().l2()).build();
    }
}
