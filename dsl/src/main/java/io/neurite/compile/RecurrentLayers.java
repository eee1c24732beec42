package io.neurite.compile;

import io.neurite.core.Shape;
import io.neurite.layers.LayerSpec;
import io.neurite.layers.Recurrent;
import io.neurite.nativeops.NativeRecurrent;
import io.neurite.spec.Convolutions;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * Recurrent layers: the simple RNN is DL4J's own ({@code SimpleRnn}, wrapped in {@code LastTimeStep} and
 * {@code Bidirectional}); the GRU (DL4J M2.1 has none) and the LSTM (DL4J's ignores input masks, so read backwards it
 * would start on the padding, and trains about 4x slower) are {@link NativeRecurrent}. Every one is configured in
 * {@link Sequences#FORMAT}.
 */
final class RecurrentLayers implements LayerFamily {
    @Override
    public Layer toLayer(LayerSpec layer, Shape input, Convolutions engine) {
        if (!(layer instanceof Recurrent r)) return null;
        if (r.cell() != Recurrent.Cell.SIMPLE_RNN) {
            NativeRecurrent.Directions directions = !r.isBidirectional() ? NativeRecurrent.Directions.NONE
                    : r.bidirectional() == Recurrent.Merge.CONCAT ? NativeRecurrent.Directions.CONCAT
                    : NativeRecurrent.Directions.SUM;
            return NativeRecurrent.builder()
                    .cell(r.cell() == Recurrent.Cell.GRU ? NativeRecurrent.Cell.GRU : NativeRecurrent.Cell.LSTM)
                    .nOut(r.units()).directions(directions).lastStep(r.lastStep())
                    .weightInit(WeightInit.XAVIER.getWeightInitFunction()).build();
        }
        Layer cell = new SimpleRnn.Builder().nOut(r.units()).activation(Activation.TANH).weightInit(WeightInit.XAVIER)
                .biasInit(0).dataFormat(Sequences.FORMAT).build();
        Layer read = r.lastStep() ? new LastTimeStep(cell) : cell;
        if (!r.isBidirectional()) return read;
        return new Bidirectional(r.bidirectional() == Recurrent.Merge.CONCAT ? Bidirectional.Mode.CONCAT
                : Bidirectional.Mode.ADD, read);
    }
}
