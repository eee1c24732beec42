package io.neurite.compile;

import java.util.Collection;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.layers.recurrent.TimeDistributedLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's {@link TimeDistributed} (a feed-forward layer applied to every step of [n, features, steps]) with its mask
 * aligned to its rows. DL4J M2.1 turns the activations into rows in 'c' order (row = example * steps + step) but the
 * [n, steps] mask into a column in 'f' order (row = step * n + example), so a dense layer zeroed the outputs of other
 * steps than the padded ones; here the mask is reshaped in 'c' order too. (AttentionModelTest's padding checks
 * fail without this.) Its output and input error are permuted views of the underlying layer's rows, not copies, and
 * a view of rows in reaches the layer without a copy: two per-step layers in a row (a position-wise feed-forward)
 * pass their hidden sequence on uncopied.
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

        /**
         * [n, f, steps] to rows [n * steps, f]: a view when the sequence is itself a view of such rows (what these
         * layers output), else a copy; DL4J's always copies.
         */
        @Override
        protected INDArray reshape(INDArray sequence) {
            if (sequence.rank() != 3) return super.reshape(sequence);
            return sequence.permute(0, 2, 1).reshape('c', sequence.size(0) * sequence.size(2), sequence.size(1));
        }

        /**
         * The underlying layer's rows as a sequence [n, f, steps]: a permuted view of them, not a copy as DL4J's
         * makes (copies of the feed-forward's hidden sequence were a tenth of a Transformer block's training step).
         */
        @Override
        public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray rows = underlying.activate(reshape(input), training, workspaceMgr);
            return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, revertReshape(rows, input.size(0)));
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            Pair<Gradient, INDArray> p = underlying.backpropGradient(reshape(epsilon), workspaceMgr);
            if (p.getSecond() != null) {
                p.setSecond(workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, revertReshape(p.getSecond(), epsilon.size(0))));
            }
            return p;
        }

        /** [n, steps] to [n * steps, 1], row = example * steps + step. */
        private static INDArray rows(INDArray mask) { return mask.dup('c').reshape('c', mask.length(), 1); }
    }
}
