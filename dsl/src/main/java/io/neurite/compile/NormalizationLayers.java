package io.neurite.compile;

import io.neurite.layers.BatchNorm;
import io.neurite.core.Shape;
import io.neurite.layers.LayerSpec;
import io.neurite.layers.LocalResponseNorm;
import io.neurite.nativeops.NativeBatchNorm;
import io.neurite.spec.Convolutions;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;

/**
 * Normalization layers: batch norm ({@link NativeBatchNorm} on the native engine, DL4J's layer otherwise) and AlexNet's
 * local response normalization.
 */
final class NormalizationLayers implements LayerFamily {
    @Override
    public Layer toLayer(LayerSpec layer, Shape input, Convolutions engine) {
        if (layer instanceof BatchNorm bn) {
            return engine == Convolutions.NATIVE ? NativeBatchNorm.of(bn.decay(), bn.eps())
                    : new BatchNormalization.Builder().decay(bn.decay()).eps(bn.eps()).build();
        }
        if (layer instanceof LocalResponseNorm lrn) {
            return new LocalResponseNormalization.Builder(lrn.k(), lrn.n(), lrn.alpha(), lrn.beta()).build();
        }
        return null;
    }
}
