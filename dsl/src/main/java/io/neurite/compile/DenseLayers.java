package io.neurite.compile;

import io.neurite.layers.ActivationLayer;
import io.neurite.layers.Dense;
import io.neurite.layers.Dropout;
import io.neurite.core.Shape;
import io.neurite.layers.LayerSpec;
import io.neurite.layers.PReLU;
import io.neurite.nativeops.LeanDense;
import io.neurite.spec.Convolutions;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;

/**
 * Fully connected layers and the element-wise layers around them: dense, dropout, activation, PReLU. With the
 * {@link Convolutions#NATIVE} engine a hidden dense layer is a {@link LeanDense} (DL4J's dense layer with a leaner
 * backward pass), with {@link Convolutions#DL4J} DL4J's own.
 */
final class DenseLayers implements LayerFamily {
    @Override
    public Layer toLayer(LayerSpec layer, Shape input, Convolutions engine) {
        if (layer instanceof Dense d) {
            DenseLayer stock = new DenseLayer.Builder().nOut(d.units()).activation(d.activation().toDl4j())
                    .weightInit(d.effectiveInit().dl4j()).l1(d.penalty().l1()).l2(d.penalty().l2()).build();
            return engine == Convolutions.NATIVE ? LeanDense.of(stock, false) : stock;
        }
        if (layer instanceof Dropout d) return new DropoutLayer.Builder(1 - d.rate()).build();
        if (layer instanceof ActivationLayer a) {
            return new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                    .activation(a.activation().toDl4j()).build();
        }
        if (layer instanceof PReLU) return new PReLULayer.Builder().build();
        return null;
    }
}
