package io.neurite.compile;

import java.util.Collection;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.layers.recurrent.TimeDistributedLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's {@link TimeDistributed} (a feed-forward layer applied to every step of [n, features, steps]) with its mask
 * aligned to its rows. DL4J M2.1 turns the activations into rows in 'c' order (row = example * steps + step) but the
 * [n, steps] mask into a column in 'f' order (row = step * n + example), so a dense layer zeroed the outputs of other
 * steps than the padded ones; here the mask is reshaped in 'c' order too. (AttentionModelTest's padding checks
 * fail without this.)
 */
public final class PerStepLayer extends TimeDistributed {
    public PerStepLayer(@JsonProperty("underlying") Layer underlying, @JsonProperty("rnnDataFormat") RNNFormat format) {
        super(underlying, format);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType dataType) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(getUnderlying());
        return new Runtime(getUnderlying().instantiate(inner, listeners, layerIndex, paramsView, initializeParams,
                dataType), getRnnDataFormat());
    }

    /** The runtime layer: DL4J's, with the mask's rows in the activations' order. */
    static final class Runtime extends TimeDistributedLayer {
        Runtime(org.deeplearning4j.nn.api.Layer underlying, RNNFormat format) { super(underlying, format); }

        @Override
        public void setMaskArray(INDArray mask) { underlying.setMaskArray(mask == null ? null : rows(mask)); }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state, int minibatchSize) {
            if (mask == null) return underlying.feedForwardMaskArray(null, state, minibatchSize);
            Pair<INDArray, MaskState> p = underlying.feedForwardMaskArray(rows(mask), state, minibatchSize);
            if (p != null && p.getFirst() != null) p.setFirst(p.getFirst().reshape('c', mask.size(0), mask.size(1)));
            return p;
        }

        /** [n, steps] to [n * steps, 1], row = example * steps + step. */
        private static INDArray rows(INDArray mask) { return mask.dup('c').reshape('c', mask.length(), 1); }
    }
}
