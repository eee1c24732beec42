package io.neurite.model;

import io.neurite.core.Activation;
import io.neurite.core.Init;
import io.neurite.layers.ActivationLayer;
import io.neurite.layers.Conv2D;
import io.neurite.layers.Deconv2D;
import io.neurite.layers.DepthwiseConv2D;
import io.neurite.layers.LayerSpec;
import io.neurite.layers.Padding;
import io.neurite.layers.Pooling2D;
import io.neurite.layers.Recurrent;
import io.neurite.layers.Size2;
import io.neurite.layers.WeightedLayer;
import io.neurite.spec.NodeSpec;
import java.util.function.UnaryOperator;

/**
 * The layer vocabulary shared by the sequential builder and graph nodes: the word families it implements add a layer
 * after the current one; modifiers ({@link #same()}, {@link #stride}, {@link #init}, {@link #l2}, {@link #named}...) change the layer
 * just added; activation methods fuse into the layer just added when it has an empty activation slot and the chain is sequential,
 * else add an activation layer.
 *
 * @param <T> the concrete chain type returned for fluent calls
 */
public abstract class LayerChain<T extends LayerChain<T>>
        implements DenseWords<T>, ConvolutionWords<T>, SequenceWords<T>, DecoderWords<T>, RecurrentWords<T>,
        AttentionWords<T> {

    /** The graph and node the chain is positioned on. */
    protected abstract Node current();

    /**
     * Whether an activation may fuse into the layer just added here, in the definition. Only a chain that hands out no
     * value of its own (the sequential builder) may: a graph value must keep meaning what it meant when created, so
     * graph activations stay layers of their own and the compiler fuses them where that is safe.
     */
    protected abstract boolean fusesActivations();

    @SuppressWarnings("unchecked")
    private T self() { return (T) this; }

    /** Applies {@code activation}: fused into the layer just added if it has an empty activation slot, else a new layer. */
    public T activation(Activation activation) {
        Node at = current();
        NodeSpec spec = at.graph().spec(at.name());
        if (fusesActivations() && spec != null && spec.layer() instanceof WeightedLayer w && w.activation().isLinear()
                && !at.graph().hasConsumers(at.name())) {
            at.graph().replace(at.name(), w.withActivation(activation));
            return self();
        }
        return then(new ActivationLayer(activation));
    }

    public T relu() { return activation(Activation.relu()); }

    /** SiLU (swish), x sigmoid(x). */
    public T silu() { return activation(Activation.silu()); }

    public T sigmoid() { return activation(Activation.sigmoid()); }

    public T tanh() { return activation(Activation.tanh()); }

    public T softmax() { return activation(Activation.softmax()); }

    public T leakyRelu(double slope) { return activation(Activation.leakyRelu(slope)); }

    /** 'same' padding on the convolution or pooling just added: output size ceil(W / S) (S * W for a transposed one). */
    public T same() { return padding(Padding.same(), "same()"); }

    /** 'valid' padding (none) on the convolution or pooling just added. */
    public T valid() { return padding(Padding.valid(), "valid()"); }

    /** {@code pixels} zeros on each side for the convolution or pooling just added. */
    public T padding(int pixels) { return padding(Padding.of(pixels, pixels), "padding(" + pixels + ")"); }

    /** Stride of the convolution or pooling just added. */
    public T stride(int step) {
        if (step < 1) throw notPositive("stride(" + step + ")", "stride", "a stride of 1 moves one pixel at a time");
        Size2 s = Size2.square(step);
        return modify("stride(" + step + ")", layer -> {
            if (layer instanceof Conv2D c) return c.withStride(s);
            if (layer instanceof Deconv2D d) return d.withStride(s);
            if (layer instanceof DepthwiseConv2D d) return d.withStride(s);
            if (layer instanceof Pooling2D p) return p.withStride(s);
            return null;
        });
    }

    /** Dilation of the convolution just added: kernel taps {@code rate} pixels apart. */
    public T dilation(int rate) {
        if (rate < 1) throw notPositive("dilation(" + rate + ")", "dilation", "a dilation of 1 means adjacent taps");
        return modify("dilation(" + rate + ")", layer -> layer instanceof Conv2D c ? c.withDilation(Size2.square(rate)) : null);
    }

    /** No biases on the (transposed) convolution just added (before a batch norm, whose shift beta does their job). */
    public T noBias() {
        return modify("noBias()", layer -> {
            if (layer instanceof Conv2D c) return c.withBias(false);
            if (layer instanceof Deconv2D d) return d.withBias(false);
            if (layer instanceof DepthwiseConv2D d) return d.withBias(false);
            return null;
        });
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

    /** The recurrent layer just added returns only each sequence's last real step (a vector), not every step. */
    public T lastStep() {
        return modify("lastStep()", layer -> layer instanceof Recurrent r ? r.withLastStep() : null);
    }

    /** The recurrent layer just added reads each sequence in both directions, the two outputs side by side. */
    public T bidirectional() { return bidirectional(Recurrent.Merge.CONCAT); }

    /** The recurrent layer just added reads each sequence in both directions, the outputs merged by {@code merge}. */
    public T bidirectional(Recurrent.Merge merge) {
        return modify("bidirectional(" + merge + ")",
                layer -> layer instanceof Recurrent r ? r.withBidirectional(merge) : null);
    }

    /** Names the layer just added (names appear in summaries and errors, and select layers for transfer learning). */
    public T named(String layerName) {
        Node at = current();
        at.graph().rename(at.name(), layerName);
        at.renamed(layerName);
        return self();
    }

    private ModelDefinitionException notPositive(String call, String setting, String meaning) {
        Node at = current();
        NodeSpec spec = at.graph().spec(at.name());
        String layer = spec == null ? "the input '" + at.name() + "'" : "layer '" + at.name() + "' (" + spec.layer().type() + ")";
        return new ModelDefinitionException(call + " on " + layer + ": the " + setting + " must be at least 1 (" + meaning + ")");
    }

    private T padding(Padding p, String call) {
        return modify(call, layer -> {
            if (layer instanceof Conv2D c) return c.withPadding(p);
            if (layer instanceof Deconv2D d) return d.withPadding(p);
            if (layer instanceof DepthwiseConv2D d) return d.withPadding(p);
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
