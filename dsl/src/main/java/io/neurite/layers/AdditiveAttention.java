package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * Additive (Bahdanau) attention of one sequence over another (d2l 11.4): inputs the queries' sequence (steps_q, d_q)
 * and the memory (steps_k, d_m), which serves as keys and values. Score of query q_i and key k_j:
 * e_ij = w_v^T tanh(W_q q_i + W_k k_j) with W_q [hiddens, d_q], W_k [hiddens, d_m], w_v [hiddens] (no biases);
 * a_ij = softmax over the real memory steps j (padded steps get weight 0); output c_i = sum_j a_ij k_j,
 * (steps_q, d_m). Params hiddens * (d_q + d_m + 1).
 */
public record AdditiveAttention(int hiddens) implements LayerSpec {
    public AdditiveAttention {
        if (hiddens < 1) throw new IllegalArgumentException("additive attention needs at least 1 hidden unit, got " + hiddens);
    }

    @Override public String type() { return "AdditiveAttention"; }

    @Override public String details() { return hiddens + " hidden"; }

    @Override public int arity() { return MANY; }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (inputs.size() != 2) {
            throw new ShapeMismatch(inputs.size() + " inputs", "2 inputs for AdditiveAttention: the queries' sequence"
                    + " and the memory it attends to", "call queries.additiveAttention(memory, hiddens)");
        }
        Shape queries = Attention.requireSequence(inputs.get(0), 1, type());
        Shape memory = inputs.get(1);
        if (!memory.isSequence()) {
            throw new ShapeMismatch("memory " + memory, "a sequence (steps, features) to attend to",
                    "attend to an encoder's every step (a sequence), not a vector");
        }
        return Shape.sequence(queries.steps(), memory.features());
    }
}
