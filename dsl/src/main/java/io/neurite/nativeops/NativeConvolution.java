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
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * What the native convolutions ({@link NativeConv2D}, {@link NativeDeconv2D}) share: NCHW images, a kernel
 * {@code W} of kH*kW*nIn*nOut values stored [kH, kW, a, b] with (a, b) the order libnd4j's op wants, per-filter biases
 * {@code b} [nOut], stride, dilation, 'same' or explicit padding, an element-wise activation computed in SameDiff, and
 * DL4J's initialisation of both stock layers (fanIn = nIn*kH*kW, fanOut = nOut*kH*kW/(sH*sW)). Each subclass gives
 * the op, the weights' last two axes and its output size per spatial axis. Stored kernels seen through
 * {@link #toCanonical} have DL4J's stock layout: [nOut, nIn, kH, kW] for a convolution, [nIn, nOut, kH, kW] for a
 * transposed one. Unset activation, weight init and bias init are taken from the network's global configuration.
 */
public abstract class NativeConvolution extends NativeLayer {
    protected static final String WEIGHT_KEY = "W";
    protected static final String BIAS_KEY = "b";

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
    protected NativeConvolution() {}

    protected NativeConvolution(Builder<?> b) {
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

    /** True when this layer can compute activation {@code a} (element-wise ones with a SameDiff equivalent). */
    public static boolean supports(IActivation a) { return SameDiffActivations.isSupported(a); }

    /** Stored kernel [kH, kW, a, b] viewed in DL4J's stock layout [b, a, kH, kW] (a view, not a copy). */
    public static INDArray toCanonical(INDArray stored) { return stored.permute(3, 2, 0, 1); }

    /** True when {@code conf} is a native convolution, possibly inside DL4J's frozen-layer wrappers. */
    public static boolean isNative(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayer f) return isNative(f.getLayer());
        if (conf instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop f) {
            return isNative(f.getUnderlying());
        }
        return conf instanceof NativeConvolution;
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

    /** The stored kernel's last two axes, in the op's order: (nIn, nOut) or (nOut, nIn). */
    protected abstract long[] kernelChannels();

    /** The op's pre-activation output for {@code input}, kernel {@code w} and bias {@code b} (null without bias). */
    protected abstract SDVariable convolve(SameDiff sd, SDVariable input, SDVariable w, SDVariable b);

    /** Output length along spatial axis {@code axis} (0 height, 1 width) for input length {@code in}. */
    protected abstract long outputLength(long in, int axis);

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        long[] channels = kernelChannels();
        params.addWeightParam(WEIGHT_KEY, kernel[0], kernel[1], channels[0], channels[1]);
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
        SDVariable z = convolve(sd, input, params.get(WEIGHT_KEY), hasBias ? params.get(BIAS_KEY) : null);
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
        long out = outputLength(in, axis);
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
        return getClass().getSimpleName() + (getLayerName() != null ? " '" + getLayerName() + "'" : "");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(nIn=" + nIn + ", nOut=" + nOut + ", kernel=" + Arrays.toString(kernel)
                + ", stride=" + Arrays.toString(stride) + ", padding="
                + (samePadding ? "same" : Arrays.toString(padding)) + ", dilation=" + Arrays.toString(dilation)
                + ", bias=" + hasBias + ", activation=" + activation + ")";
    }

    /** Builder; defaults: 3x3 kernel, stride 1, 'valid' padding, dilation 1, with bias. */
    public abstract static class Builder<B extends Builder<B>> extends SameDiffLayer.Builder<B> {
        private final String kind;
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

        /** {@code kind}: the layer's name in error messages. */
        protected Builder(String kind) { this.kind = kind; }

        @SuppressWarnings("unchecked")
        private B self() { return (B) this; }

        /** Input channels; optional when the network is given an input type. */
        public B nIn(long nIn) { this.nIn = positive(nIn, "nIn"); return self(); }

        /** Output channels (number of filters). */
        public B nOut(long nOut) { this.nOut = positive(nOut, "nOut"); return self(); }

        public B kernel(int kH, int kW) { this.kernel = pair(kH, kW, "kernel", 1); return self(); }

        public B stride(int sH, int sW) { this.stride = pair(sH, sW, "stride", 1); return self(); }

        public B dilation(int dH, int dW) { this.dilation = pair(dH, dW, "dilation", 1); return self(); }

        /** No padding. */
        public B valid() { return padding(0, 0); }

        /**
         * 'Same' padding: output size ceil(in/stride) for a convolution, in*stride for a transposed one; zero padding
         * split evenly, any odd extra at the bottom/right.
         */
        public B same() { this.samePadding = true; this.padding = new int[] {0, 0}; return self(); }

        /** Explicit symmetric zero padding pH rows top and bottom, pW columns left and right. */
        public B padding(int pH, int pW) {
            this.padding = pair(pH, pW, "padding", 0);
            this.samePadding = false;
            return self();
        }

        public B hasBias(boolean hasBias) { this.hasBias = hasBias; return self(); }

        public B biasInit(double biasInit) { this.biasInit = biasInit; return self(); }

        public B activation(IActivation activation) {
            if (!SameDiffActivations.isSupported(activation)) {
                throw new IllegalArgumentException(kind + ": " + SameDiffActivations.unsupported(activation));
            }
            this.activation = activation;
            return self();
        }

        public B activation(org.nd4j.linalg.activations.Activation activation) {
            return activation(activation.getActivationFunction());
        }

        /** Weight initialisation, e.g. {@code new WeightInitRelu()} (He) or {@code WeightInit.XAVIER.getWeightInitFunction()}. */
        public B weightInit(IWeightInit weightInit) { this.weightInitFn = weightInit; return self(); }

        @Override
        public B weightInit(WeightInit weightInit) { return weightInit(weightInit.getWeightInitFunction()); }

        /** Fails unless the number of filters is set. */
        protected void requireFilters() {
            if (nOut <= 0) throw new IllegalArgumentException(kind + ": nOut (number of filters) must be set");
        }

        private long positive(long v, String what) {
            if (v <= 0) throw new IllegalArgumentException(kind + ": " + what + " must be positive, got " + v);
            return v;
        }

        private int[] pair(int a, int b, String what, int min) {
            if (a < min || b < min) {
                throw new IllegalArgumentException(kind + ": " + what + " must be at least " + min + ", got (" + a
                        + ", " + b + ")");
            }
            return new int[] {a, b};
        }
    }
}
