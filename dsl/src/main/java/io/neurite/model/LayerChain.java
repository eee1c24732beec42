package io.neurite.model;

import io.neurite.layers.ActivationLayer;
import io.neurite.layers.BatchNorm;
import io.neurite.layers.Conv2D;
import io.neurite.layers.Dense;
import io.neurite.layers.Dropout;
import io.neurite.layers.Flatten;
import io.neurite.layers.GlobalPooling;
import io.neurite.layers.LayerSpec;
import io.neurite.layers.LocalResponseNorm;
import io.neurite.layers.PReLU;
import io.neurite.layers.Padding;
import io.neurite.layers.Pooling2D;
import io.neurite.layers.Pooling2D.PoolType;
import io.neurite.layers.Size2;
import io.neurite.layers.WeightedLayer;
import io.neurite.layers.ZeroPadding;
import java.util.function.UnaryOperator;

/**
 * The layer vocabulary shared by the sequential builder and graph nodes. Layer methods add a layer after the current
 * one; modifiers ({@link #same()}, {@link #stride}, {@link #init}, {@link #l2}, {@link #named}...) change the layer
 * just added; activation methods fuse into the layer just added when it has an activation slot, else add a layer.
 *
 * @param <T> the concrete chain type returned for fluent calls
 */
public abstract class LayerChain<T extends LayerChain<T>> {

    /** Adds {@code layer} after the current node and returns the chain positioned on it. */
    protected abstract T then(LayerSpec layer);

    /** The graph and node the chain is positioned on. */
    protected abstract Node current();

    @SuppressWarnings("unchecked")
    private T self() { return (T) this; }

    /** Fully connected layer of {@code units} outputs (flattens images first). */
    public T dense(int units) { return then(Dense.of(units)); }

    /** {@code filters} square kernels of side {@code kernel}, stride 1, valid padding. */
    public T conv(int filters, int kernel) { return conv(filters, kernel, kernel); }

    /** {@code filters} kernels of kernelRows x kernelCols, stride 1, valid padding. */
    public T conv(int filters, int kernelRows, int kernelCols) { return then(Conv2D.of(filters, kernelRows, kernelCols)); }

    /** Non-overlapping max pooling over size x size windows. */
    public T maxPool(int size) { return then(Pooling2D.of(PoolType.MAX, size)); }

    /** Max pooling over size x size windows moved by {@code stride}. */
    public T maxPool(int size, int stride) { return then(Pooling2D.of(PoolType.MAX, size).withStride(Size2.square(stride))); }

    /** Non-overlapping average pooling over size x size windows. */
    public T avgPool(int size) { return then(Pooling2D.of(PoolType.AVG, size)); }

    /** Average pooling over size x size windows moved by {@code stride}. */
    public T avgPool(int size, int stride) { return then(Pooling2D.of(PoolType.AVG, size).withStride(Size2.square(stride))); }

    /** Mean of each channel over all positions. */
    public T globalAvgPool() { return then(new GlobalPooling(PoolType.AVG)); }

    /** Maximum of each channel over all positions. */
    public T globalMaxPool() { return then(new GlobalPooling(PoolType.MAX)); }

    public T flatten() { return then(new Flatten()); }

    /** Drops each value with probability {@code rate} during training. */
    public T dropout(double rate) { return then(new Dropout(rate)); }

    public T batchNorm() { return then(BatchNorm.standard()); }

    /** AlexNet's local response normalization. */
    public T lrn() { return then(LocalResponseNorm.alexNet()); }

    /** {@code pixels} rows and columns of zeros on every side. */
    public T zeroPad(int pixels) { return then(new ZeroPadding(pixels, pixels, pixels, pixels)); }

    /** Parametric ReLU with a learned slope per value. */
    public T prelu() { return then(new PReLU()); }

    /** Applies {@code activation}: fused into the layer just added if it has an empty activation slot, else a new layer. */
    public T activation(Activation activation) {
        Node at = current();
        NodeSpec spec = at.graph().spec(at.name());
        if (spec != null && spec.layer() instanceof WeightedLayer w && w.activation().isLinear()
                && !at.graph().hasConsumers(at.name())) {
            at.graph().replace(at.name(), w.withActivation(activation));
            return self();
        }
        return then(new ActivationLayer(activation));
    }

    public T relu() { return activation(Activation.relu()); }

    public T sigmoid() { return activation(Activation.sigmoid()); }

    public T tanh() { return activation(Activation.tanh()); }

    public T softmax() { return activation(Activation.softmax()); }

    public T leakyRelu(double slope) { return activation(Activation.leakyRelu(slope)); }

    /** 'same' padding on the convolution or pooling just added: output size ceil(W / S). */
    public T same() { return padding(Padding.same(), "same()"); }

    /** 'valid' padding (none) on the convolution or pooling just added. */
    public T valid() { return padding(Padding.valid(), "valid()"); }

    /** {@code pixels} zeros on each side for the convolution or pooling just added. */
    public T padding(int pixels) { return padding(Padding.of(pixels, pixels), "padding(" + pixels + ")"); }

    /** Stride of the convolution or pooling just added. */
    public T stride(int step) {
        Size2 s = Size2.square(step);
        return modify("stride(" + step + ")", layer -> {
            if (layer instanceof Conv2D c) return c.withStride(s);
            if (layer instanceof Pooling2D p) return p.withStride(s);
            return null;
        });
    }

    /** Dilation of the convolution just added: kernel taps {@code rate} pixels apart. */
    public T dilation(int rate) {
        return modify("dilation(" + rate + ")", layer -> layer instanceof Conv2D c ? c.withDilation(Size2.square(rate)) : null);
    }

    /** No biases on the convolution just added (before a batch norm, whose shift beta does their job). */
    public T noBias() {
        return modify("noBias()", layer -> layer instanceof Conv2D c ? c.withBias(false) : null);
    }

    /** Weight initialization of the layer just added (default: He for ReLU layers, Xavier otherwise). */
    public T init(Init init) {
        return modify("init(" + init + ")", layer -> layer instanceof WeightedLayer w ? w.withInit(init) : null);
    }

    /** L1 penalty l1 * sum|w| on the weights of the layer just added. */
    public T l1(double coefficient) {
        return modify("l1(" + coefficient + ")",
                layer -> layer instanceof WeightedLayer w ? w.withPenalty(w.penalty().withL1(coefficient)) : null);
    }

    /** L2 penalty on the weights of the layer just added (weight decay). */
    public T l2(double coefficient) {
        return modify("l2(" + coefficient + ")",
                layer -> layer instanceof WeightedLayer w ? w.withPenalty(w.penalty().withL2(coefficient)) : null);
    }

    /** Names the layer just added (names appear in summaries and errors, and select layers for transfer learning). */
    public T named(String layerName) {
        Node at = current();
        at.graph().rename(at.name(), layerName);
        at.renamed(layerName);
        return self();
    }

    private T padding(Padding p, String call) {
        return modify(call, layer -> {
            if (layer instanceof Conv2D c) return c.withPadding(p);
            if (layer instanceof Pooling2D pool) return pool.withPadding(p);
            return null;
        });
    }

    /** Replaces the current layer by {@code change(layer)}; a null result means the modifier does not apply to it. */
    private T modify(String call, UnaryOperator<LayerSpec> change) {
        Node at = current();
        NodeSpec spec = at.graph().spec(at.name());
        LayerSpec changed = spec == null ? null : change.apply(spec.layer());
        if (changed == null) {
            String what = spec == null ? "the input '" + at.name() + "'" : "'" + at.name() + "' (" + spec.layer().type() + ")";
            throw new ModelDefinitionException(call + " does not apply to " + what
                    + ": call it right after the layer it configures");
        }
        at.graph().replace(at.name(), changed);
        return self();
    }
}
