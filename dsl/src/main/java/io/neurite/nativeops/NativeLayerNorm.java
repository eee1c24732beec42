package io.neurite.nativeops;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Layer normalization over the features (dimension 1) of vectors [n, d] or of each step of sequences [n, d, steps]:
 * y = gamma * (x - mean) / sqrt(var + epsilon) + beta, mean and biased variance over the d features, gamma (ones at
 * first) and beta (zeros) of d values each: 2 d parameters. Its passes are written by hand ({@link LayerNormRuntime});
 * the parameters and JSON are those of the earlier SameDiff layer of this name, so its saved models load.
 */
public final class NativeLayerNorm extends HandWrittenLayer {
    @JsonProperty("features") private long features;
    @JsonProperty("epsilon") private double epsilon;
    @JsonProperty("sequence") private boolean sequence;

    /** For JSON deserialization only. */
    private NativeLayerNorm() { }

    private NativeLayerNorm(Builder b) {
        super(b);
        this.epsilon = b.epsilon;
    }

    /** Layer normalization with {@code epsilon} added to the variance. */
    public static NativeLayerNorm of(double epsilon) {
        if (!(epsilon > 0)) throw new IllegalArgumentException("NativeLayerNorm: epsilon must be positive, got " + epsilon);
        Builder b = new Builder();
        b.epsilon = epsilon;
        return new NativeLayerNorm(b);
    }

    @JsonProperty("features") public long getFeatures() { return features; }
    @JsonProperty("epsilon") public double getEpsilon() { return epsilon; }
    @JsonProperty("sequence") public boolean isSequence() { return sequence; }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam("gamma", 1, features);
        params.addBiasParam("beta", 1, features);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("gamma").assign(1);
        params.get("beta").assign(0);
    }

    @Override
    HandWrittenRuntime runtime(NeuralNetConfiguration conf, DataType dataType) { return new LayerNormRuntime(conf, dataType); }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) { return inputType; }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType instanceof InputType.InputTypeFeedForward f) {
            if (features <= 0 || override) features = f.getSize();
            sequence = false;
        } else {
            if (features <= 0 || override) features = NcwSequence.of(inputType, toString()).getSize();
            sequence = true;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return inputType instanceof InputType.InputTypeRecurrent
                ? InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName()) : null;
    }

    @Override
    public String toString() { return "NativeLayerNorm(epsilon=" + epsilon + ")"; }

    /** Builder (DL4J's pattern); use {@link #of}. */
    public static final class Builder extends org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer.Builder<Builder> {
        private double epsilon;

        @Override
        @SuppressWarnings("unchecked")
        public NativeLayerNorm build() { return new NativeLayerNorm(this); }
    }
}
