package io.neurite.layers;

import io.neurite.core.Activation;
import io.neurite.core.Init;
import io.neurite.core.Shape;
import java.util.List;

/**
 * Transposed convolution ("deconvolution"), the gradient of a convolution with respect to its input: each input pixel
 * scatters a kh x kw kernel per filter into an output {@code stride} times larger. Output per axis
 * out = S * (W - 1) + F - 2P (valid: P = 0), or out = S * W with 'same' padding; params kh*kw*c_in*filters, plus
 * {@code filters} biases unless {@code bias} is off.
 */
public record Deconv2D(int filters, Size2 kernel, Size2 stride, Padding padding, boolean bias,
                       Activation activation, Init init, Penalty penalty) implements WeightedLayer {
    public Deconv2D {
        if (filters < 1) {
            throw new IllegalArgumentException("transposed convolution needs at least 1 filter, got " + filters);
        }
    }

    public static Deconv2D of(int filters, int kernelRows, int kernelCols) {
        return new Deconv2D(filters, new Size2(kernelRows, kernelCols), Size2.square(1), Padding.valid(), true,
                Activation.linear(), null, Penalty.NONE);
    }

    @Override public String type() { return "Deconv2D"; }

    @Override
    public String details() {
        String s = filters + "@" + kernel + ", stride " + stride + ", " + padding;
        if (!bias) s += ", no bias";
        String w = weightDetails();
        return w.isEmpty() ? s : s + ", " + w;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.requireImage(LayerSpec.single(inputs), "a transposed convolution");
        long h = output(in.height(), kernel.rows(), stride.rows(), padding.rows());
        long w = output(in.width(), kernel.cols(), stride.cols(), padding.cols());
        if (h < 1 || w < 1) {
            throw new ShapeMismatch("input " + in, "an output of at least 1x1 from a " + kernel + " kernel with "
                    + padding + " padding", "use less padding or a larger kernel");
        }
        return Shape.image(h, w, filters);
    }

    private long output(long in, int window, int step, int pad) {
        return switch (padding.mode()) {
            case SAME -> in * step;
            case VALID -> step * (in - 1) + window;
            case EXPLICIT -> step * (in - 1) + window - 2L * pad;
        };
    }

    public Deconv2D withPadding(Padding p) {
        return new Deconv2D(filters, kernel, stride, p, bias, activation, init, penalty);
    }

    public Deconv2D withStride(Size2 s) {
        return new Deconv2D(filters, kernel, s, padding, bias, activation, init, penalty);
    }

    /** The same transposed convolution without (false) or with (true) per-filter biases. */
    public Deconv2D withBias(boolean b) {
        return new Deconv2D(filters, kernel, stride, padding, b, activation, init, penalty);
    }

    @Override public Deconv2D withActivation(Activation a) {
        return new Deconv2D(filters, kernel, stride, padding, bias, a, init, penalty);
    }

    @Override public Deconv2D withInit(Init i) {
        return new Deconv2D(filters, kernel, stride, padding, bias, activation, i, penalty);
    }

    @Override public Deconv2D withPenalty(Penalty p) {
        return new Deconv2D(filters, kernel, stride, padding, bias, activation, init, p);
    }
}
