package io.neurite.model;

/**
 * The Transformer's blocks (Vaswani et al. 2017, figure 1; d2l 11.7), post-norm as the paper and PyTorch's default:
 * each sublayer's output is added to its input and normalized, x = LayerNorm(x + Sublayer(x)).
 */
public final class Transformer {
    private Transformer() { }

    /**
     * An encoder block on a sequence x of d features: multi-head self-attention, add and norm, position-wise
     * feed-forward (d to {@code hidden} to d), add and norm. Params 4d^2 + 4d + 2 d hidden + hidden + d + 4d.
     */
    public static Node encoderBlock(Node x, int heads, int hidden) {
        int d = (int) x.shape().features();
        Node attended = x.selfAttention(heads).add(x).layerNorm();
        return attended.positionWiseFeedForward(hidden, d).add(attended).layerNorm();
    }

    /**
     * A decoder block on the target sequence x attending to the encoder's output {@code memory}: causal
     * self-attention, add and norm, attention over the memory, add and norm, position-wise feed-forward, add and norm.
     */
    public static Node decoderBlock(Node x, Node memory, int heads, int hidden) {
        int d = (int) x.shape().features();
        Node self = x.causalSelfAttention(heads).add(x).layerNorm();
        Node cross = self.attendTo(memory, heads).add(self).layerNorm();
        return cross.positionWiseFeedForward(hidden, d).add(cross).layerNorm();
    }
}
