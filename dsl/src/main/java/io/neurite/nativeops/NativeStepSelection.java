package io.neurite.nativeops;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer without parameters that picks one step of each sequence [n, features, steps] (NCW) as a vector
 * [n, features]; the sequence's mask ends here (a vector has no steps). Subclasses say which step.
 */
abstract class NativeStepSelection extends NativeSequenceLayer {
    /** For JSON deserialization only. */
    protected NativeStepSelection() { }

    protected NativeStepSelection(Builder<?> b) { super(b); }

    @Override
    public void defineParameters(SDLayerParams params) { params.clear(); }

    @Override
    public void initializeParameters(Map<String, INDArray> params) { }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(NcwSequence.of(inputType, toString()).getSize());
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState state, int minibatchSize) {
        return new Pair<>(null, null);
    }
}
