package io.neurite.model;

import io.neurite.core.Shape;
import io.neurite.data.BertPairs;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BERT (Devlin et al. 2019; d2l 15.8): a Transformer encoder over {@code <cls>} A {@code <sep>} B {@code <sep>} whose
 * input is the sum of token, segment and learned position embeddings, with d2l's two pretraining heads. Inputs and
 * outputs are named as {@link BertPairs}' arrays.
 */
public final class Bert {
    private Bert() { }

    /** The input representation (d2l figure 15.8.2): token embeddings + segment embeddings + position embeddings. */
    public static Node inputRepresentation(Node tokens, Node segments, int d, int maxSteps) {
        return tokens.embedding(d).add(segments.embedding(d)).positionEmbedding(maxSteps);
    }

    /** The encoder: the input representation, then {@code blocks} encoder blocks of {@code heads} heads and a feed-forward layer of {@code hidden}. */
    public static Node encoder(Node tokens, Node segments, int d, int heads, int hidden, int blocks, int maxSteps) {
        Node x = inputRepresentation(tokens, segments, d, maxSteps);
        for (int b = 0; b < blocks; b++) x = Transformer.encoderBlock(x, heads, hidden);
        return x;
    }

    /** d2l's MaskLM head on every step: dense(d) relu, layer norm, dense(vocabulary) softmax. */
    public static Node maskedLanguageModel(Node encoded, int vocabulary) {
        int d = (int) encoded.shape().features();
        return encoded.dense(d).relu().layerNorm().dense(vocabulary).softmax();
    }

    /** d2l's next-sentence head on the {@code <cls>} step: dense(d) tanh (BERTModel's hidden), dense(2) softmax. */
    public static Node nextSentence(Node encoded) {
        int d = (int) encoded.shape().features();
        return encoded.firstStep().dense(d).tanh().dense(2).softmax();
    }

    /**
     * The pretraining model on inputs of {@code steps} tokens from a vocabulary of {@code vocabulary} ids: outputs
     * {@value BertPairs#MLM} (every step) and {@value BertPairs#NSP}, each with cross-entropy, summed as d2l's loss.
     */
    public static Model pretraining(int vocabulary, int steps, int d, int heads, int hidden, int blocks,
            Optimizer optimizer, long seed) {
        GraphBuilder g = Model.graph("bert").seed(seed);
        Node encoded = encoder(g.input(BertPairs.TOKENS, Shape.tokens(steps, vocabulary)),
                g.input(BertPairs.SEGMENTS, Shape.tokens(steps, 2)), d, heads, hidden, blocks, steps);
        g.output(maskedLanguageModel(encoded, vocabulary).named(BertPairs.MLM), nextSentence(encoded).named(BertPairs.NSP));
        Map<String, Loss> losses = new LinkedHashMap<>();
        losses.put(BertPairs.MLM, Loss.crossEntropy());
        losses.put(BertPairs.NSP, Loss.crossEntropy());
        return g.build().compile(losses, optimizer);
    }
}
