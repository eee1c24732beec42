package io.neurite.layers;

import io.neurite.core.Activation;
import io.neurite.core.Init;
import io.neurite.core.Shape;
import java.util.List;

/**
 * 2-D convolution (cross-correlation) with {@code filters} kernels of size kh x kw over all input channels:
 * out = (W - F_eff + 2P) / S + 1 per axis, F_eff = (F - 1) * dilation + 1; params kh*kw*c_in*filters, plus
 * {@code filters} biases unless {@code bias} is off (as before a batch norm, whose beta makes a bias redundant).
 */
public record Conv2D(int filters, Size2 kernel, Size2 stride, Padding padding, Size2 dilation, boolean bias,
                     Activation activation, Init init, Penalty penalty) implements WeightedLayer {
    public Conv2D {
        if (filters < 1) throw new IllegalArgumentException("convolution needs at least 1 filter, got " + filters);
    }

    public static Conv2D of(int filters, int kernelRows, int kernelCols) {
        return new Conv2D(filters, Size2.of("kernel", kernelRows, kernelCols), Size2.square(1), Padding.valid(),
                Size2.square(1), true, Activation.linear(), null, Penalty.NONE);
    }

    @Override public String type() { return "Conv2D"; }

    @Override
    public String details() {
        String s = filters + "@" + kernel + ", stride " + stride + ", " + padding;
        if (!dilation.equals(Size2.square(1))) s += ", dilation " + dilation;
        if (!bias) s += ", no bias";
        String w = weightDetails();
        return w.isEmpty() ? s : s + ", " + w;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.requireImage(LayerSpec.single(inputs), "a convolution");
        Size2 reach = new Size2((kernel.rows() - 1) * dilation.rows() + 1, (kernel.cols() - 1) * dilation.cols() + 1);
        return padding.slide(in, reach, stride, filters, "a " + kernel + " kernel");
    }

    public Conv2D withPadding(Padding p) {
        return new Conv2D(filters, kernel, stride, p, dilation, bias, activation, init, penalty);
    }

    public Conv2D withStride(Size2 s) {
        return new Conv2D(filters, kernel, s, padding, dilation, bias, activation, init, penalty);
    }

    /** The same convolution without (false) or with (true) per-filter biases. */
    public Conv2D withBias(boolean b) {
        return new Conv2D(filters, kernel, stride, padding, dilation, b, activation, init, penalty);
    }

    public Conv2D withDilation(Size2 d) {
        return new Conv2D(filters, kernel, stride, padding, d, bias, activation, init, penalty);
    }

    @Override public Conv2D withActivation(Activation a) {
        return new Conv2D(filters, kernel, stride, padding, dilation, bias, a, init, penalty);
    }

    @Override public Conv2D withInit(Init i) {
        return new Conv2D(filters, kernel, stride, padding, dilation, bias, activation, i, penalty);
    }

    @Override public Conv2D withPenalty(Penalty p) {
        return new Conv2D(filters, kernel, stride, padding, dilation, bias, activation, init, p);
    }
}
