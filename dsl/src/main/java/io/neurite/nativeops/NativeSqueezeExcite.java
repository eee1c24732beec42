package io.neurite.nativeops;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Squeeze-and-excitation (Hu et al., 2018), NCHW: each channel of x is scaled by a gate computed from all channels'
 * means, y[n,c,i,j] = x[n,c,i,j] * sigmoid(W2 silu(W1 mean_ij(x[n]) + b1) + b2)[c], with W1 [C, R], b1 [R], W2 [R, C],
 * b2 [C]: 2CR + R + C parameters (EfficientNet's two 1x1 convolutions with bias). Output shape = input shape.
 */
public final class NativeSqueezeExcite extends NativeLayer {
    @JsonProperty("channels") private long channels;
    @JsonProperty("reduced") private long reduced;

    /** For JSON deserialization only. */
    private NativeSqueezeExcite() { }

    private NativeSqueezeExcite(Builder b) {
        super(b);
        this.reduced = b.reduced;
    }

    /** A squeeze-and-excitation layer whose hidden layer has {@code reduced} units. */
    public static NativeSqueezeExcite of(long reduced) {
        Builder b = new Builder();
        b.reduced = reduced;
        return new NativeSqueezeExcite(b);
    }

    @JsonProperty("channels") public long getChannels() { return channels; }
    @JsonProperty("reduced") public long getReduced() { return reduced; }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam("W1", channels, reduced);
        params.addBiasParam("b1", 1, reduced);
        params.addWeightParam("W2", reduced, channels);
        params.addBiasParam("b2", 1, channels);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        WeightInitXavier init = new WeightInitXavier();
        INDArray w1 = params.get("W1");
        INDArray w2 = params.get("W2");
        init.init(channels, reduced, w1.shape(), 'c', w1);
        init.init(reduced, channels, w2.shape(), 'c', w2);
        params.get("b1").assign(0);
        params.get("b2").assign(0);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable squeezed = input.mean(2, 3);                                        // [n, C]
        SDVariable hidden = sd.nn().swish(squeezed.mmul(params.get("W1")).add(params.get("b1")));
        SDVariable gate = sd.nn().sigmoid(hidden.mmul(params.get("W2")).add(params.get("b2")));
        SDVariable gate4 = sd.expandDims(sd.expandDims(gate, 2), 3);                   // [n, C, 1, 1]
        return input.mul(gate4);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional in = (InputType.InputTypeConvolutional) inputType;
        return InputType.convolutional(in.getHeight(), in.getWidth(), in.getChannels(), CNN2DFormat.NCHW);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalArgumentException("squeeze-and-excitation needs image input [n, c, h, w], got " + inputType);
        }
        if (channels <= 0 || override) channels = c.getChannels();
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreProcessorForInputTypeCnnLayers(inputType, getLayerName());
    }

    /** Builder (DL4J's pattern); use {@link #of}. */
    public static final class Builder extends SameDiffLayer.Builder<Builder> {
        private long reduced;

        @Override
        @SuppressWarnings("unchecked")
        public NativeSqueezeExcite build() { return new NativeSqueezeExcite(this); }
    }
}
