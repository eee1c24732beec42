package io.neurite.nativeops;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The first step of sequences [n, d, steps] (NCW) as vectors [n, d]: y = x[:, :, 0]. No parameters; the sequence's
 * mask ends here (a vector has no steps).
 */
public final class NativeFirstStep extends NativeSequenceLayer {
    /** For JSON deserialization only. */
    private NativeFirstStep() { }

    private NativeFirstStep(Builder b) { super(b); }

    public static NativeFirstStep of() { return new NativeFirstStep(new Builder()); }

    @Override
    public void defineParameters(SDLayerParams params) { params.clear(); }

    @Override
    public void initializeParameters(Map<String, INDArray> params) { }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        return input.get(SDIndex.all(), SDIndex.all(), SDIndex.point(0));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(NcwSequence.of(inputType, toString()).getSize());
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState state, int minibatchSize) {
        return new Pair<>(null, null);
    }

    @Override
    public String toString() { return "NativeFirstStep"; }

    /** Builder (DL4J's pattern); use {@link #of}. */
    public static final class Builder extends org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public NativeFirstStep build() { return new NativeFirstStep(this); }
    }
}
