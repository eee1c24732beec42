package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * Multi-head scaled dot-product attention of one sequence over another, as a Transformer decoder attends to the
 * encoder's output: inputs the queries' sequence (steps_q, d) and the memory (steps_k, d_m); Q = X W_q + b_q,
 * K = Y W_k + b_k, V = Y W_v + b_v, head_i = softmax(Q_i K_i^T / sqrt(d / heads) + M) V_i with M = -1e9 at padded
 * memory steps, output concat(heads) W_o + b_o, (steps_q, d). Params 2 d^2 + 2 d d_m + 4 d (4 d^2 + 4 d when d_m = d,
 * as PyTorch's nn.MultiheadAttention).
 */
public record CrossAttention(int heads) implements LayerSpec {
    public CrossAttention {
        if (heads < 1) throw new IllegalArgumentException("cross-attention needs at least 1 head, got " + heads);
    }

    @Override public String type() { return "CrossAttention"; }

    @Override public String details() { return heads + (heads == 1 ? " head" : " heads"); }

    @Override public int arity() { return MANY; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (inputs.size() != 2) {
            throw new ShapeMismatch(inputs.size() + " inputs", "2 inputs for CrossAttention: the queries' sequence and"
                    + " the memory it attends to", "call queries.attendTo(memory)");
        }
        Shape queries = Attention.requireSequence(inputs.get(0), heads, type());
        Shape memory = inputs.get(1);
        if (!memory.isSequence()) {
            throw new ShapeMismatch("memory " + memory, "a sequence (steps, features) to attend to",
                    "attend to an encoder's every step (a sequence), not a vector");
        }
        return queries;
    }
}
