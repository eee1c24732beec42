package io.neurite.nativeops;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A vector [n, f] repeated along the steps of a sequence [n, g, T] (NCW): y[:, :, t] = x for every t, [n, f, T];
 * the sequence gives only its length (its gradient is zero). Unlike DL4J's {@code RepeatVector} (a fixed number of
 * steps) it follows batches cut to their longest sequence; unlike {@code DuplicateToTimeSeriesVertex} it reads any
 * sequence, not only a network input. The output carries no mask (a merge with a masked sequence keeps that one's).
 * No parameters; the runtime vertex ({@link PerLengthGraphVertex}) defines one graph per length met.
 */
public final class NativeRepeatAlong extends NativeVertex {
    private static final String VECTOR = "vector";
    private static final String SEQUENCE = "sequence";

    @JsonProperty("features") private long features;

    /** For JSON deserialization only. */
    private NativeRepeatAlong() { }

    /** Repeats a vector of {@code features}. */
    public NativeRepeatAlong(long features) {
        if (features < 1) throw new IllegalArgumentException("NativeRepeatAlong needs features, got " + features);
        this.features = features;
    }

    @JsonProperty("features") public long getFeatures() { return features; }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) { params.defineInputs(VECTOR, SEQUENCE); }

    @Override
    public void initializeParameters(Map<String, INDArray> params) { }

    @Override
    public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> inputs, Map<String, SDVariable> params,
            Map<String, SDVariable> masks) {
        SDVariable sequence = inputs.get(SEQUENCE);
        SDVariable ones = sequence.get(SDIndex.all(), SDIndex.interval(0, 1), SDIndex.all()).mul(0).add(1);   // [n, 1, T]
        return inputs.get(VECTOR).reshape(-1, features, 1).mul(ones);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) {
        if (inputs.length != 2 || inputs[0].getType() != InputType.Type.FF) {
            throw new IllegalArgumentException(this + ": needs 2 inputs (a vector, a sequence), got "
                    + java.util.Arrays.toString(inputs));
        }
        InputType.InputTypeRecurrent sequence = NcwSequence.of(inputs[1], toString());
        return NcwSequence.withFeatures(sequence, features);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatchSize) {
        return new Pair<>(null, state);
    }

    @Override
    public NativeRepeatAlong clone() { return new NativeRepeatAlong(features); }

    @Override
    public String toString() { return "NativeRepeatAlong(features=" + features + ")"; }
}
