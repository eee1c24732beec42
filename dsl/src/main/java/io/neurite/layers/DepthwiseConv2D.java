package io.neurite.layers;

import io.neurite.core.Activation;
import io.neurite.core.Init;
import io.neurite.core.Shape;
import java.util.List;

/**
 * Depthwise 2-D convolution: one kh x kw kernel per input channel, each channel filtered on its own (no sum over
 * channels), so the output has as many channels as the input: out = (W - F + 2P) / S + 1 per axis; params kh*kw*c,
 * plus c biases unless {@code bias} is off. With a 1x1 convolution after it, it is the depthwise-separable convolution
 * of MobileNet and EfficientNet: kh*kw*c + c*c' weights instead of kh*kw*c*c'.
 */
public record DepthwiseConv2D(Size2 kernel, Size2 stride, Padding padding, boolean bias, Activation activation,
                              Init init, Penalty penalty) implements WeightedLayer {
    public static DepthwiseConv2D of(int kernelRows, int kernelCols) {
        return new DepthwiseConv2D(new Size2(kernelRows, kernelCols), Size2.square(1), Padding.valid(), true,
                Activation.linear(), null, Penalty.NONE);
    }

    @Override public String type() { return "DepthwiseConv2D"; }

    @Override
    public String details() {
        String s = kernel + ", stride " + stride + ", " + padding;
        if (!bias) s += ", no bias";
        String w = weightDetails();
        return w.isEmpty() ? s : s + ", " + w;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.requireImage(LayerSpec.single(inputs), "a depthwise convolution");
        return padding.slide(in, kernel, stride, in.channels(), "a " + kernel + " kernel");
    }

    public DepthwiseConv2D withPadding(Padding p) {
        return new DepthwiseConv2D(kernel, stride, p, bias, activation, init, penalty);
    }

    public DepthwiseConv2D withStride(Size2 s) {
        return new DepthwiseConv2D(kernel, s, padding, bias, activation, init, penalty);
    }

    public DepthwiseConv2D withBias(boolean b) {
        return new DepthwiseConv2D(kernel, stride, padding, b, activation, init, penalty);
    }

    @Override public DepthwiseConv2D withActivation(Activation a) {
        return new DepthwiseConv2D(kernel, stride, padding, bias, a, init, penalty);
    }

    @Override public DepthwiseConv2D withInit(Init i) {
        return new DepthwiseConv2D(kernel, stride, padding, bias, activation, i, penalty);
    }

    @Override public DepthwiseConv2D withPenalty(Penalty p) {
        return new DepthwiseConv2D(kernel, stride, padding, bias, activation, init, p);
    }
}
