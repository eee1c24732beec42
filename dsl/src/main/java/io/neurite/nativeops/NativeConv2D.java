package io.neurite.nativeops;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * 2-D convolution, NCHW, computed by libnd4j's {@code conv2d} op (oneDNN where the natives have it) instead of
 * DL4J's Java-side im2col path. Drop-in for DL4J's {@code ConvolutionLayer}:
 * <pre>
 *   y[n,o,i,j] = g( b[o] + sum_{c,u,v} W[o,c,u,v] * x[n, c, i*sH + u*dH - pTop, j*sW + v*dW - pLeft] )
 * </pre>
 * with parameters {@code W} of shape [kH, kW, nIn, nOut] (libnd4j's YXIO layout; DL4J's ConvolutionLayer keeps
 * [nOut, nIn, kH, kW], so {@code W.permute(3, 2, 0, 1)} converts) and {@code b} of shape [nOut], so
 * kH*kW*nIn*nOut + nOut parameters, initialised as DL4J does (fanIn = nIn*kH*kW,
 * fanOut = nOut*kH*kW/(sH*sW)). Output size per spatial axis: 'valid'/explicit padding p:
 * floor((in + 2p - d(k-1) - 1)/s) + 1; 'same': ceil(in/s) with the extra row/column of padding at the bottom/right.
 * Unset activation and weight init are taken from the network's global configuration, like stock layers.
 */
public class NativeConv2D extends NativeLayer {
    private static final String WEIGHT_KEY = "W";
    private static final String BIAS_KEY = "b";

    @JsonProperty("nIn") private long nIn;      // named here and on the getter: Jackson would say "nin"
    @JsonProperty("nOut") private long nOut;
    private int[] kernel;
    private int[] stride;
    private int[] padding;
    private int[] dilation;
    private boolean samePadding;
    private boolean hasBias;
    private double biasInit;
    private IActivation activation;
    private IWeightInit weightInitFn;

    /** For JSON deserialization only. */
    private NativeConv2D() {}

    private NativeConv2D(Builder b) {
        super(b);
        this.nIn = b.nIn;
        this.nOut = b.nOut;
        this.kernel = b.kernel.clone();
        this.stride = b.stride.clone();
        this.padding = b.padding.clone();
        this.dilation = b.dilation.clone();
        this.samePadding = b.samePadding;
        this.hasBias = b.hasBias;
        this.biasInit = b.biasInit;
        this.activation = b.activation;
        this.weightInitFn = b.weightInitFn;
    }

    public static Builder builder() { return new Builder(); }

    /** True when this layer can compute activation {@code a} (element-wise ones with a SameDiff equivalent). */
    public static boolean supports(IActivation a) { return SameDiffActivations.isSupported(a); }

    /** Stored kernel [kH, kW, nIn, nOut] viewed as DL4J's canonical [nOut, nIn, kH, kW] (a view, not a copy). */
    public static INDArray toCanonical(INDArray stored) { return stored.permute(3, 2, 0, 1); }

    /** Canonical kernel [nOut, nIn, kH, kW] viewed in this layer's storage layout [kH, kW, nIn, nOut] (a view). */
    public static INDArray fromCanonical(INDArray canonical) { return canonical.permute(2, 3, 1, 0); }

    /** True when {@code conf} is a NativeConv2D, possibly inside DL4J's frozen-layer wrappers. */
    public static boolean isNative(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayer f) return isNative(f.getLayer());
        if (conf instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop f) {
            return isNative(f.getUnderlying());
        }
        return conf instanceof NativeConv2D;
    }

    // Bean getters: DL4J's JSON mapper (save/load, cloning) serializes exactly the properties that have one.
    @JsonProperty("nIn") public long getNIn() { return nIn; }
    @JsonProperty("nOut") public long getNOut() { return nOut; }
    public int[] getKernel() { return kernel.clone(); }
    public int[] getStride() { return stride.clone(); }
    /** Explicit padding [pH, pW]; ignored when {@link #isSamePadding()}. */
    public int[] getPadding() { return padding.clone(); }
    public int[] getDilation() { return dilation.clone(); }
    public boolean isSamePadding() { return samePadding; }
    public boolean isHasBias() { return hasBias; }
    public double getBiasInit() { return biasInit; }
    public IActivation getActivation() { return activation; }
    public IWeightInit getWeightInitFn() { return weightInitFn; }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(WEIGHT_KEY, kernel[0], kernel[1], nIn, nOut);
        if (hasBias) params.addBiasParam(BIAS_KEY, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        double fanIn = (double) nIn * kernel[0] * kernel[1];
        double fanOut = (double) nOut * kernel[0] * kernel[1] / ((double) stride[0] * stride[1]);
        INDArray w = params.get(WEIGHT_KEY);
        weightInitFn.init(fanIn, fanOut, w.shape(), 'c', w);
        if (hasBias) params.get(BIAS_KEY).assign(biasInit);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(kernel[0]).kW(kernel[1])
                .sH(stride[0]).sW(stride[1])
                .pH(padding[0]).pW(padding[1])
                .dH(dilation[0]).dW(dilation[1])
                .paddingMode(samePadding ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat("NCHW")
                .weightsFormat(WeightsFormat.YXIO) // conv2d_bp as called by M2.1 accepts only YXIO
                .build();
        SDVariable z = hasBias
                ? sd.cnn().conv2d(input, params.get(WEIGHT_KEY), params.get(BIAS_KEY), config)
                : sd.cnn().conv2d(input, params.get(WEIGHT_KEY), config);
        return SameDiffActivations.apply(activation, sd, z);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional in = convolutionalInput(inputType);
        long h = outputSize(in.getHeight(), 0, "height");
        long w = outputSize(in.getWidth(), 1, "width");
        return InputType.convolutional(h, w, nOut, CNN2DFormat.NCHW);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) nIn = convolutionalInput(inputType).getChannels();
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreProcessorForInputTypeCnnLayers(inputType, getLayerName());
    }

    @Override
    public void applyGlobalConfigToLayer(NeuralNetConfiguration.Builder global) {
        if (activation == null) activation = global.getActivationFn();
        if (weightInitFn == null) weightInitFn = global.getWeightInitFn();
        if (Double.isNaN(biasInit)) biasInit = global.getBiasInit();
        if (!SameDiffActivations.isSupported(activation)) {
            throw new IllegalArgumentException(where() + ": " + SameDiffActivations.unsupported(activation));
        }
    }

    private long outputSize(long in, int axis, String name) {
        long out = samePadding
                ? (in + stride[axis] - 1) / stride[axis]
                : (in + 2L * padding[axis] - (long) dilation[axis] * (kernel[axis] - 1) - 1) / stride[axis] + 1;
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException(where() + ": input " + name + " " + in + " is too small for kernel "
                    + kernel[axis] + ", stride " + stride[axis] + ", padding " + padding[axis] + ", dilation "
                    + dilation[axis]);
        }
        return out;
    }

    private InputType.InputTypeConvolutional convolutionalInput(InputType inputType) {
        if (inputType instanceof InputType.InputTypeConvolutional c) {
            if (c.getFormat() != CNN2DFormat.NCHW) {
                throw new IllegalArgumentException(where() + ": needs NCHW input, got " + c.getFormat());
            }
            return c;
        }
        if (inputType instanceof InputType.InputTypeConvolutionalFlat f) {
            return (InputType.InputTypeConvolutional) InputType.convolutional(f.getHeight(), f.getWidth(), f.getDepth());
        }
        throw new IllegalArgumentException(where() + ": needs convolutional (image) input, got " + inputType);
    }

    private String where() {
        return "NativeConv2D" + (getLayerName() != null ? " '" + getLayerName() + "'" : "");
    }

    @Override
    public String toString() {
        return "NativeConv2D(nIn=" + nIn + ", nOut=" + nOut + ", kernel=" + Arrays.toString(kernel) + ", stride="
                + Arrays.toString(stride) + ", padding=" + (samePadding ? "same" : Arrays.toString(padding))
                + ", dilation=" + Arrays.toString(dilation) + ", bias=" + hasBias + ", activation=" + activation + ")";
    }

    /** Builder; defaults: 3x3 kernel, stride 1, 'valid' padding, dilation 1, with bias. */
    public static final class Builder extends SameDiffLayer.Builder<Builder> {
        private long nIn;
        private long nOut;
        private int[] kernel = {3, 3};
        private int[] stride = {1, 1};
        private int[] padding = {0, 0};
        private int[] dilation = {1, 1};
        private boolean samePadding;
        private boolean hasBias = true;
        private double biasInit = Double.NaN;
        private IActivation activation;
        private IWeightInit weightInitFn;

        private Builder() {}

        /** Input channels; optional when the network is given an input type. */
        public Builder nIn(long nIn) { this.nIn = positive(nIn, "nIn"); return this; }

        /** Output channels (number of filters). */
        public Builder nOut(long nOut) { this.nOut = positive(nOut, "nOut"); return this; }

        public Builder kernel(int kH, int kW) { this.kernel = pair(kH, kW, "kernel", 1); return this; }

        public Builder stride(int sH, int sW) { this.stride = pair(sH, sW, "stride", 1); return this; }

        public Builder dilation(int dH, int dW) { this.dilation = pair(dH, dW, "dilation", 1); return this; }

        /** No padding: the output shrinks by d(k-1). */
        public Builder valid() { return padding(0, 0); }

        /** Output size ceil(in/stride), zero padding split evenly, any odd extra at the bottom/right. */
        public Builder same() { this.samePadding = true; this.padding = new int[] {0, 0}; return this; }

        /** Explicit symmetric zero padding pH rows top and bottom, pW columns left and right. */
        public Builder padding(int pH, int pW) {
            this.padding = pair(pH, pW, "padding", 0);
            this.samePadding = false;
            return this;
        }

        public Builder hasBias(boolean hasBias) { this.hasBias = hasBias; return this; }

        public Builder biasInit(double biasInit) { this.biasInit = biasInit; return this; }

        public Builder activation(IActivation activation) {
            if (!SameDiffActivations.isSupported(activation)) {
                throw new IllegalArgumentException("NativeConv2D: " + SameDiffActivations.unsupported(activation));
            }
            this.activation = activation;
            return this;
        }

        public Builder activation(org.nd4j.linalg.activations.Activation activation) {
            return activation(activation.getActivationFunction());
        }

        /** Weight initialisation, e.g. {@code new WeightInitRelu()} (He) or {@code WeightInit.XAVIER.getWeightInitFunction()}. */
        public Builder weightInit(IWeightInit weightInit) { this.weightInitFn = weightInit; return this; }

        @Override
        public Builder weightInit(WeightInit weightInit) { return weightInit(weightInit.getWeightInitFunction()); }

        @Override
        @SuppressWarnings("unchecked")
        public NativeConv2D build() {
            if (nOut <= 0) throw new IllegalArgumentException("NativeConv2D: nOut (number of filters) must be set");
            return new NativeConv2D(this);
        }

        private static long positive(long v, String what) {
            if (v <= 0) throw new IllegalArgumentException("NativeConv2D: " + what + " must be positive, got " + v);
            return v;
        }

        private static int[] pair(int a, int b, String what, int min) {
            if (a < min || b < min) {
                throw new IllegalArgumentException("NativeConv2D: " + what + " must be at least " + min + ", got ("
                        + a + ", " + b + ")");
            }
            return new int[] {a, b};
        }
    }
}
