package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * Multi-head scaled dot-product self-attention (Vaswani et al. 2017) over a sequence (steps, d): queries, keys and
 * values are X W_q + b_q, X W_k + b_k, X W_v + b_v, split into {@code heads} heads of d / heads features;
 * head_i = softmax(Q_i K_i^T / sqrt(d / heads) + M) V_i, output concat(heads) W_o + b_o, (steps, d). The mask M is
 * -infinity (in practice -1e9) at padded keys and, when {@code causal}, at keys after the query's step, so step t
 * reads only steps up to t. Padded steps output zeros. Params 4 d^2 + 4 d, as PyTorch's nn.MultiheadAttention(d, heads).
 */
public record SelfAttention(int heads, boolean causal) implements LayerSpec {
    public SelfAttention {
        if (heads < 1) throw new IllegalArgumentException("self-attention needs at least 1 head, got " + heads);
    }

    @Override public String type() { return "SelfAttention"; }

    @Override public String details() { return heads + (heads == 1 ? " head" : " heads") + (causal ? ", causal" : ""); }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Attention.requireSequence(LayerSpec.single(inputs), heads, type());
    }
}
