package io.neurite.model;

import io.neurite.core.Activation;
import io.neurite.layers.Dense;
import io.neurite.layers.LayerNorm;
import io.neurite.layers.PositionEmbedding;
import io.neurite.layers.PositionalEncoding;
import io.neurite.layers.SelfAttention;

/**
 * The Transformer's layers over a sequence (steps, features); padded steps (masks) are never attended to. Attention
 * of one sequence over another is {@link Node#attendTo}; whole blocks are {@link Transformer}'s.
 */
public interface AttentionWords<T extends Chain<T>> extends Chain<T> {
    /** Layer normalization of each step's features: gamma (x - mean) / sqrt(var + 1e-5) + beta. */
    default T layerNorm() { return then(LayerNorm.of()); }

    /** Multi-head self-attention, every step attending to every real step; features must split into {@code heads}. */
    default T selfAttention(int heads) { return then(new SelfAttention(heads, false)); }

    /** Multi-head self-attention where step t attends only to steps up to t (a decoder's, or a language model's). */
    default T causalSelfAttention(int heads) { return then(new SelfAttention(heads, true)); }

    /** Adds the sinusoidal positional encoding p_{t,2i} = sin(t / 10000^(2i/d)), p_{t,2i+1} = cos(same). */
    default T positionalEncoding() { return then(new PositionalEncoding()); }

    /**
     * Adds a learned vector per position, y_t = x_t + P_t, for sequences of up to {@code maxSteps} steps (BERT's),
     * P initialized N(0, 1) as d2l's.
     */
    default T positionEmbedding(int maxSteps) { return positionEmbedding(maxSteps, 1); }

    /** As {@link #positionEmbedding(int)}, P initialized N(0, std^2) (BERT's own code: 0.02). */
    default T positionEmbedding(int maxSteps, double std) { return then(new PositionEmbedding(maxSteps, std)); }

    /** The position-wise feed-forward network: every step through relu(x W1 + b1) W2 + b2, W1 [d, hidden], W2 [hidden, out]. */
    default T positionWiseFeedForward(int hidden, int out) {
        return then(Dense.of(hidden).withActivation(Activation.relu())).then(Dense.of(out));
    }
}
