package io.neurite.nativeops;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learned position embedding added to sequences [n, d, steps] (NCW): y = x + P[0:steps]^T, P of shape
 * [maxSteps, d] initialized N(0, std^2); the graph is defined per length met. maxSteps * d parameters.
 */
public final class NativePositionEmbedding extends NativeSequenceLayer {
    public static final String TABLE = "P";

    @JsonProperty("maxSteps") private long maxSteps;
    @JsonProperty("std") private double std;

    /** For JSON deserialization only. */
    private NativePositionEmbedding() { }

    private NativePositionEmbedding(Builder b) {
        super(b);
        this.maxSteps = b.maxSteps;
        this.std = b.std;
    }

    /** A table of {@code maxSteps} learned positions, initialized N(0, std^2). */
    public static NativePositionEmbedding of(long maxSteps, double std) {
        if (maxSteps < 1) throw new IllegalArgumentException("NativePositionEmbedding: maxSteps must be positive, got " + maxSteps);
        Builder b = new Builder();
        b.maxSteps = maxSteps;
        b.std = std;
        return new NativePositionEmbedding(b);
    }

    @JsonProperty("features") public long getFeatures() { return features; }
    @JsonProperty("maxSteps") public long getMaxSteps() { return maxSteps; }
    @JsonProperty("std") public double getStd() { return std; }

    @Override
    public boolean unrollsSteps() { return true; }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(TABLE, maxSteps, features);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        INDArray table = params.get(TABLE);
        table.assign(Nd4j.randn(table.dataType(), table.shape()).muli(std));
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        long steps = input.getShape()[2];
        if (steps > maxSteps) {
            throw new IllegalArgumentException((getLayerName() != null ? "'" + getLayerName() + "'" : toString())
                    + ": a sequence of " + steps + " steps is longer than the " + maxSteps + " positions learned;"
                    + " cut the sequences to " + maxSteps + " steps or learn more positions");
        }
        SDVariable rows = params.get(TABLE).get(SDIndex.interval(0L, steps), SDIndex.all());
        return input.add(rows.permute(1, 0).reshape(1, features, steps));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) { return inputType; }

    @Override
    public String toString() { return "NativePositionEmbedding(maxSteps=" + maxSteps + ", std=" + std + ")"; }

    /** Builder (DL4J's pattern); use {@link #of}. */
    public static final class Builder extends org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer.Builder<Builder> {
        private long maxSteps;
        private double std;

        @Override
        @SuppressWarnings("unchecked")
        public NativePositionEmbedding build() { return new NativePositionEmbedding(this); }
    }
}
