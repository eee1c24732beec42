package io.neurite.nativeops;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * 2-D convolution, NCHW, computed by libnd4j's {@code conv2d} op (oneDNN where the natives have it) instead of
 * DL4J's Java-side im2col path. Drop-in for DL4J's {@code ConvolutionLayer}:
 * <pre>
 *   y[n,o,i,j] = g( b[o] + sum_{c,u,v} W[o,c,u,v] * x[n, c, i*sH + u*dH - pTop, j*sW + v*dW - pLeft] )
 * </pre>
 * with parameters {@code W} of shape [kH, kW, nIn, nOut] (libnd4j's YXIO layout; DL4J's ConvolutionLayer keeps
 * [nOut, nIn, kH, kW], so {@link #toCanonical} converts) and {@code b} of shape [nOut], so kH*kW*nIn*nOut + nOut
 * parameters, initialised as DL4J does (see {@link NativeConvolution}). Output size per spatial axis: 'valid'/explicit
 * padding p: floor((in + 2p - d(k-1) - 1)/s) + 1; 'same': ceil(in/s) with the extra row/column of padding at the
 * bottom/right. Its runtime layer ({@link ConvolutionRuntime}) calls the ops directly, without a SameDiff graph;
 * {@link #convolve} is the same computation as a graph, for SameDiff users of the configuration. Reading a network
 * input that no other layer reads, it skips its input's error ({@link InputErrors}).
 */
public class NativeConv2D extends NativeConvolution implements InputErrors.Skippable {
    @JsonProperty("readsNetworkInput") private boolean readsNetworkInput;

    /** For JSON deserialization only. */
    private NativeConv2D() {}

    private NativeConv2D(Builder b) { super(b); }

    public static Builder builder() { return new Builder(); }

    /** Whether its input is a network input that no other layer reads: then its error is computed only on request. */
    @JsonProperty("readsNetworkInput")
    public boolean readsNetworkInput() { return readsNetworkInput; }

    @Override
    public NativeConv2D readingNetworkInput() {
        NativeConv2D copy = (NativeConv2D) clone();
        copy.readsNetworkInput = true;
        return copy;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType dataType) {
        return Dl4jConfigs.wire(new ConvolutionRuntime(conf, dataType), conf, listeners, layerIndex, paramsView,
                initializeParams, initializer());
    }

    @Override
    protected long[] kernelChannels() { return new long[] {getNIn(), getNOut()}; }

    @Override
    protected SDVariable convolve(SameDiff sd, SDVariable input, SDVariable w, SDVariable b) {
        int[] k = getKernel();
        int[] s = getStride();
        int[] p = getPadding();
        int[] d = getDilation();
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(p[0]).pW(p[1]).dH(d[0]).dW(d[1])
                .paddingMode(isSamePadding() ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat("NCHW")
                .weightsFormat(WeightsFormat.YXIO) // conv2d_bp as called by M2.1 accepts only YXIO
                .build();
        return b != null ? sd.cnn().conv2d(input, w, b, config) : sd.cnn().conv2d(input, w, config);
    }

    @Override
    protected long outputLength(long in, int axis) {
        int s = getStride()[axis];
        return isSamePadding()
                ? (in + s - 1) / s
                : (in + 2L * getPadding()[axis] - (long) getDilation()[axis] * (getKernel()[axis] - 1) - 1) / s + 1;
    }

    /** Builder; defaults: 3x3 kernel, stride 1, 'valid' padding, dilation 1, with bias. */
    public static final class Builder extends NativeConvolution.Builder<Builder> {
        private Builder() { super("NativeConv2D"); }

        @Override
        @SuppressWarnings("unchecked")
        public NativeConv2D build() {
            requireFilters();
            return new NativeConv2D(this);
        }
    }
}
