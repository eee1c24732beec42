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
 * Multi-head self-attention over a sequence in NCW ([n, d, steps]): {@link MultiHeadAttention} with the sequence as
 * both queries and memory, its padding mask on the keys, and with {@code causal} each step reading only steps up to
 * its own. Padded steps output zeros. 4 d^2 + 4 d parameters. Its passes are written by hand
 * ({@link SelfAttentionRuntime}); the parameters and JSON are those of the earlier SameDiff layer of this name, so its
 * saved models load.
 */
public final class NativeSelfAttention extends HandWrittenLayer {
    @JsonProperty("features") private long features;
    @JsonProperty("heads") private int heads;
    @JsonProperty("causal") private boolean causal;

    /** For JSON deserialization only. */
    private NativeSelfAttention() { }

    private NativeSelfAttention(Builder b) {
        super(b);
        this.heads = b.heads;
        this.causal = b.causal;
    }

    /** Self-attention with {@code heads} heads, causal or not. */
    public static NativeSelfAttention of(int heads, boolean causal) {
        if (heads < 1) throw new IllegalArgumentException("NativeSelfAttention: heads must be positive, got " + heads);
        Builder b = new Builder();
        b.heads = heads;
        b.causal = causal;
        return new NativeSelfAttention(b);
    }

    @JsonProperty("features") public long getFeatures() { return features; }
    @JsonProperty("heads") public int getHeads() { return heads; }
    @JsonProperty("causal") public boolean isCausal() { return causal; }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        MultiHeadAttention.defineParameters(params, features, features);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) { MultiHeadAttention.initialize(params); }

    @Override
    HandWrittenRuntime runtime(NeuralNetConfiguration conf, DataType dataType) { return new SelfAttentionRuntime(conf, dataType); }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return NcwSequence.withFeatures(NcwSequence.of(inputType, toString()), features);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        long d = NcwSequence.of(inputType, toString()).getSize();
        if (d % heads != 0) throw new IllegalArgumentException(this + ": " + d + " features do not split into " + heads + " heads");
        if (features <= 0 || override) features = d;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName());
    }

    @Override
    public String toString() { return "NativeSelfAttention(heads=" + heads + ", causal=" + causal + ")"; }

    /** Builder (DL4J's pattern); use {@link #of}. */
    public static final class Builder extends org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer.Builder<Builder> {
        private int heads;
        private boolean causal;

        @Override
        @SuppressWarnings("unchecked")
        public NativeSelfAttention build() { return new NativeSelfAttention(this); }
    }
}
