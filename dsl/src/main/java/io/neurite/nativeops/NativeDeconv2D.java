package io.neurite.nativeops;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;

/**
 * 2-D transposed convolution ("deconvolution"), NCHW, computed by libnd4j's {@code deconv2d} op in a SameDiff graph:
 * the gradient of a convolution with respect to its input, each input pixel scattering a kernel per filter,
 * <pre>
 *   y[n,o,i,j] = g( b[o] + sum_{c,u,v : i = p*sH + u*dH - pTop, j = q*sW + v*dW - pLeft} W[c,o,u,v] * x[n,c,p,q] )
 * </pre>
 * Drop-in for DL4J's {@code Deconvolution2D}, which runs the same op outside SameDiff (computing its forward pass a
 * second time in backprop); 'same' padding that splits evenly is passed to the op as explicit padding, which libnd4j
 * runs many times faster (see {@link #samePaddingTotal}). The same
 * kH*kW*nIn*nOut + nOut parameters and initialisation (see {@link NativeConvolution}); the kernel stored
 * [kH, kW, nOut, nIn] (the op's layout; DL4J's layer keeps [nIn, nOut, kH, kW], so {@link #toCanonical} converts).
 * Output size per spatial axis: 'same': in*s; 'valid'/explicit padding p: s(in - 1) + d(k - 1) + 1 - 2p.
 */
public class NativeDeconv2D extends NativeConvolution {
    /** For JSON deserialization only. */
    private NativeDeconv2D() {}

    private NativeDeconv2D(Builder b) { super(b); }

    public static Builder builder() { return new Builder(); }

    @Override
    protected long[] kernelChannels() { return new long[] {getNOut(), getNIn()}; }

    @Override
    protected SDVariable convolve(SameDiff sd, SDVariable input, SDVariable w, SDVariable b) {
        int[] k = getKernel();
        int[] s = getStride();
        int[] d = getDilation();
        int[] p = getPadding();
        boolean cropped = isSamePadding() && padsEveryAxis(k, s, d);
        if (cropped) p = new int[] {samePaddingTotal(k, s, d, 0) / 2, samePaddingTotal(k, s, d, 1) / 2};
        DeConv2DConfig config = DeConv2DConfig.builder()
                .kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(p[0]).pW(p[1]).dH(d[0]).dW(d[1])
                .isSameMode(isSamePadding() && !cropped).dataFormat(DeConv2DConfig.NCHW).build();
        SDVariable y = b != null ? sd.cnn().deconv2d(input, w, b, config) : sd.cnn().deconv2d(input, w, config);
        if (!cropped) return y;
        long[] in = input.getShape();
        return y.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0L, in[2] * s[0]), SDIndex.interval(0L, in[3] * s[1]));
    }

    /**
     * 'Same' as explicit padding: the output in s needs d(k - 1) + 1 - s rows of padding in all on an axis. libnd4j's
     * {@code deconv2d} is 8-20x slower in its 'same' mode than with explicit padding (64 x 128 x 7 x 7 -&gt; 64 filters
     * 4x4 stride 2, one thread: 113 against 13.5 ms), so when every total is &gt;= 0 the op gets half of it (rounded down)
     * on each side and an odd total's extra output row or column is cropped from the end.
     */
    static int samePaddingTotal(int[] k, int[] s, int[] d, int axis) { return d[axis] * (k[axis] - 1) + 1 - s[axis]; }

    private static boolean padsEveryAxis(int[] k, int[] s, int[] d) {
        return samePaddingTotal(k, s, d, 0) >= 0 && samePaddingTotal(k, s, d, 1) >= 0;
    }

    @Override
    protected long outputLength(long in, int axis) {
        int s = getStride()[axis];
        return isSamePadding()
                ? in * s
                : s * (in - 1) + (long) getDilation()[axis] * (getKernel()[axis] - 1) + 1 - 2L * getPadding()[axis];
    }

    /** Builder; defaults: 3x3 kernel, stride 1, 'valid' padding, dilation 1, with bias. */
    public static final class Builder extends NativeConvolution.Builder<Builder> {
        private Builder() { super("NativeDeconv2D"); }

        @Override
        @SuppressWarnings("unchecked")
        public NativeDeconv2D build() {
            requireFilters();
            return new NativeDeconv2D(this);
        }
    }
}
