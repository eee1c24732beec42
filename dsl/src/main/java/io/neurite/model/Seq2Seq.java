package io.neurite.model;

import io.neurite.compile.Sequences;
import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Vocabulary;
import io.neurite.layers.AdditiveAttention;
import io.neurite.layers.CrossAttention;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Sequence-to-sequence translation with an encoder-decoder (d2l 10.6-10.8, 11.4, 11.7). The model reads the source's
 * token ids (input {@value #SOURCE}, padded steps masked) and the target so far (input {@value #TARGET}: {@code <bos>}
 * then the target's words; each step's output depends only on the steps up to it), and predicts at each step the next
 * target word (output: softmax over the target vocabulary). Three encoder-decoders: {@link #gru} (d2l 10.7),
 * {@link #gruWithAttention} (d2l 11.4's additive attention) and {@link #transformer}. Training uses teacher forcing:
 * the decoder reads the true previous words, and the labels are the target followed by {@code <eos>}.
 * {@link #translate} decodes greedily or by beam search ({@link Decoding}) from {@code <bos>} to {@code <eos>} or the
 * target length. Words outside a vocabulary become {@code <unk>}; a source longer than the source length is cut to
 * it; an empty source gives the encoder one padding step to read but still yields a sentence.
 */
public final class Seq2Seq {
    public static final String SOURCE = "source";
    public static final String TARGET = "target";
    /** The name of {@link #gruWithAttention}'s attention layer. */
    public static final String ATTENTION = "attention";

    private final Model model;
    private final Vocabulary sources;
    private final Vocabulary targets;
    private final int sourceSteps;
    private final int targetSteps;

    private Seq2Seq(Model model, Vocabulary sources, Vocabulary targets, int sourceSteps, int targetSteps) {
        this.model = model;
        this.sources = sources;
        this.targets = targets;
        this.sourceSteps = sourceSteps;
        this.targetSteps = targetSteps;
    }

    /**
     * A Transformer translating sentences of up to {@code sourceSteps} words into up to {@code targetSteps - 1} words
     * (plus {@code <eos>}): {@code blocks} encoder and decoder blocks of width {@code d}, {@code heads} heads and a
     * feed-forward layer of {@code hidden} units. {@code targets} must be built by {@link Vocabulary#withSentenceMarks}.
     */
    public static Seq2Seq transformer(Vocabulary sources, Vocabulary targets, int sourceSteps, int targetSteps, int d,
            int heads, int hidden, int blocks, Optimizer optimizer, long seed) {
        requireSentenceMarks(targets);
        GraphBuilder g = Model.graph("seq2seq").seed(seed);
        Node memory = g.input(SOURCE, Shape.tokens(sourceSteps, sources.size())).embedding(d).positionalEncoding();
        Node y = g.input(TARGET, Shape.tokens(targetSteps, targets.size())).embedding(d).positionalEncoding();
        for (int b = 0; b < blocks; b++) memory = Transformer.encoderBlock(memory, heads, hidden);
        for (int b = 0; b < blocks; b++) y = Transformer.decoderBlock(y, memory, heads, hidden);
        g.output(y.dense(targets.size()).softmax());
        return new Seq2Seq(g.build().compile(Loss.crossEntropy(), optimizer), sources, targets, sourceSteps, targetSteps);
    }

    /**
     * d2l 10.7's recurrent encoder-decoder: a GRU of {@code hidden} units reads the source's embeddings (size
     * {@code embedding}); its state after the last real source word, the context c, is joined to the embedding of
     * each target word, and a second GRU reads [e(y_t), c]; a dense softmax layer predicts the next word from its
     * state. (d2l also starts the decoder GRU from the encoder's final state; here it starts from zero and sees c at
     * every step.)
     */
    public static Seq2Seq gru(Vocabulary sources, Vocabulary targets, int sourceSteps, int targetSteps, int embedding,
            int hidden, Optimizer optimizer, long seed) {
        return recurrent("gru-seq2seq", false, sources, targets, sourceSteps, targetSteps, embedding, hidden, optimizer, seed);
    }

    /**
     * {@link #gru} with additive attention (d2l 11.4): at each target step the decoder state s_t attends to every real
     * step of the encoder's output (layer {@value #ATTENTION}, {@code hidden} hidden units), and the softmax layer
     * reads [s_t, attention context]. (d2l's decoder queries with s_{t-1} and feeds the attention context into the
     * GRU's input; querying with s_t after the GRU, as Luong et al. 2015, keeps the decoder a chain of layers.)
     */
    public static Seq2Seq gruWithAttention(Vocabulary sources, Vocabulary targets, int sourceSteps, int targetSteps,
            int embedding, int hidden, Optimizer optimizer, long seed) {
        return recurrent("gru-attention-seq2seq", true, sources, targets, sourceSteps, targetSteps, embedding, hidden,
                optimizer, seed);
    }

    private static Seq2Seq recurrent(String name, boolean attention, Vocabulary sources, Vocabulary targets,
            int sourceSteps, int targetSteps, int embedding, int hidden, Optimizer optimizer, long seed) {
        requireSentenceMarks(targets);
        GraphBuilder g = Model.graph(name).seed(seed);
        Node encoded = g.input(SOURCE, Shape.tokens(sourceSteps, sources.size())).embedding(embedding).gru(hidden);
        Node words = g.input(TARGET, Shape.tokens(targetSteps, targets.size())).embedding(embedding);
        Node state = words.concat(encoded.lastRealStep().repeatAlong(words)).gru(hidden);
        Node read = attention ? state.concat(state.additiveAttention(encoded, hidden).named(ATTENTION)) : state;
        g.output(read.dense(targets.size()).softmax());
        return new Seq2Seq(g.build().compile(Loss.crossEntropy(), optimizer), sources, targets, sourceSteps, targetSteps);
    }

    private static void requireSentenceMarks(Vocabulary targets) {
        if (targets.indexOf(Vocabulary.BEGIN) != 2 || targets.indexOf(Vocabulary.END) != 3) {
            throw new IllegalArgumentException("the target vocabulary needs the sentence marks <bos> and <eos>: build it"
                    + " with Vocabulary.withSentenceMarks");
        }
    }

    public Model model() { return model; }

    /**
     * Teacher-forcing data for pairs (source i, target i): source ids with their mask; decoder input {@code <bos>} y_1
     * .. y_{T-1}; labels y_1 .. y_T {@code <eos>} one-hot; decoder input and labels masked after {@code <eos>}.
     */
    public Dataset data(List<String> sourceTexts, List<String> targetTexts) {
        if (sourceTexts.size() != targetTexts.size()) {
            throw new IllegalArgumentException("seq2seq data needs one target per source, got " + sourceTexts.size()
                    + " sources and " + targetTexts.size() + " targets");
        }
        int n = sourceTexts.size();
        INDArray source = Nd4j.zeros(DataType.FLOAT, n, sourceSteps);
        INDArray sourceMask = Nd4j.zeros(DataType.FLOAT, n, sourceSteps);
        INDArray decoderIn = Nd4j.zeros(DataType.FLOAT, n, targetSteps);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, targetSteps, targets.size());
        INDArray labelMask = Nd4j.zeros(DataType.FLOAT, n, targetSteps);
        for (int i = 0; i < n; i++) {
            putSource(source, sourceMask, i, ids(sources, sourceTexts.get(i), sourceSteps));
            int[] y = ids(targets, targetTexts.get(i), targetSteps - 1);
            decoderIn.putScalar(i, 0, targets.indexOf(Vocabulary.BEGIN));
            for (int t = 0; t <= y.length; t++) {
                int next = t < y.length ? y[t] : targets.indexOf(Vocabulary.END);
                if (t + 1 < targetSteps && t < y.length) decoderIn.putScalar(i, t + 1, y[t]);
                labels.putScalar(new long[] {i, t, next}, 1);
                labelMask.putScalar(i, t, 1);
            }
        }
        return Dataset.of(Map.of(SOURCE, source, TARGET, decoderIn), Map.of(model.spec().outputs().get(0), labels))
                .withMask(SOURCE, sourceMask).withMask(TARGET, labelMask.dup()).withMask(model.spec().outputs().get(0), labelMask);
    }

    /** The greedy translation of {@code sourceText}: words up to (not including) {@code <eos>}, joined by spaces. */
    public String translate(String sourceText) {
        return words(Decoding.greedy(nextWords(sourceText), BEGIN_ID, END_ID, targetSteps));
    }

    /**
     * The beam-search translation of {@code sourceText} with {@code beamSize} prefixes kept and d2l's length
     * normalisation; {@code beamSize} 1 is the greedy translation.
     */
    public String translate(String sourceText, int beamSize) {
        return words(Decoding.beam(nextWords(sourceText), BEGIN_ID, END_ID, targetSteps, beamSize));
    }

    /**
     * The attention weights of the last layer attending to the source (additive or, averaged over heads,
     * cross-attention) while the decoder reads {@code <bos>} and {@code translation}: rows the translation's words then
     * {@code <eos>} (the word each step predicts), columns the source's words; each row sums to 1.
     */
    public double[][] attentionWeights(String sourceText, String translation) {
        String layer = model.spec().nodes().stream()
                .filter(n -> n.layer() instanceof AdditiveAttention || n.layer() instanceof CrossAttention)
                .reduce((first, second) -> second).orElseThrow(() -> new IllegalArgumentException("model '"
                        + model.spec().name() + "' has no attention layer over the source")).name();
        int[] source = ids(sources, sourceText, sourceSteps);
        int[] target = ids(targets, translation, targetSteps - 1);
        int[] prefix = new int[target.length + 1];
        prefix[0] = BEGIN_ID;
        System.arraycopy(target, 0, prefix, 1, target.length);
        INDArray[] s = sourceArrays(source, 1);
        INDArray weights = AttentionWeights.of(model, layer, Map.of(SOURCE, s[0], TARGET, decoderInputs(List.of(prefix))),
                Map.of(SOURCE, s[1]));                                              // [1, heads, target steps, source steps]
        int columns = Math.max(1, source.length);
        double[][] out = new double[prefix.length][columns];
        for (int i = 0; i < prefix.length; i++) {
            for (int j = 0; j < columns; j++) {
                out[i][j] = weights.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(i),
                        NDArrayIndex.point(j)).meanNumber().doubleValue();
            }
        }
        return out;
    }

    private static final int BEGIN_ID = 2, END_ID = 3;

    /** The model as a next-word model for one source sentence: log-probabilities after each prefix, in one batch. */
    private Decoding.NextWords nextWords(String sourceText) {
        int[] source = ids(sources, sourceText, sourceSteps);
        Map<String, Shape> in = model.spec().inputs();
        return prefixes -> {
            int k = prefixes.size();
            INDArray[] s = sourceArrays(source, k);
            INDArray[] inputs = {Sequences.toDl4j(s[0], in.get(SOURCE)), Sequences.toDl4j(decoderInputs(prefixes), in.get(TARGET))};
            INDArray[] masks = {s[1], Nd4j.ones(DataType.FLOAT, k, targetSteps)};
            INDArray probabilities = model.network().output(false, inputs, masks)[0];   // [k, vocabulary, steps]
            double[][] out = new double[k][];
            for (int i = 0; i < k; i++) {
                double[] p = probabilities.get(NDArrayIndex.point(i), NDArrayIndex.all(),
                        NDArrayIndex.point(prefixes.get(i).length - 1)).toDoubleVector();
                for (int w = 0; w < p.length; w++) p[w] = Math.log(p[w]);
                out[i] = p;
            }
            return out;
        };
    }

    /** The source ids repeated {@code k} times [k, sourceSteps] and their mask. */
    private INDArray[] sourceArrays(int[] ids, int k) {
        INDArray source = Nd4j.zeros(DataType.FLOAT, k, sourceSteps);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, k, sourceSteps);
        for (int i = 0; i < k; i++) putSource(source, mask, i, ids);
        return new INDArray[] {source, mask};
    }

    /** Row {@code row} of the source ids and their mask; an empty source: one padding step read. */
    private static void putSource(INDArray source, INDArray mask, int row, int[] ids) {
        for (int t = 0; t < ids.length; t++) {
            source.putScalar(row, t, ids[t]);
            mask.putScalar(row, t, 1);
        }
        if (ids.length == 0) mask.putScalar(row, 0, 1);
    }

    /** Decoder inputs [k, targetSteps]: each prefix, then padding. */
    private INDArray decoderInputs(List<int[]> prefixes) {
        INDArray out = Nd4j.zeros(DataType.FLOAT, prefixes.size(), targetSteps);
        for (int i = 0; i < prefixes.size(); i++) {
            for (int t = 0; t < prefixes.get(i).length; t++) out.putScalar(i, t, prefixes.get(i)[t]);
        }
        return out;
    }

    private String words(int[] ids) {
        return String.join(" ", java.util.Arrays.stream(ids).mapToObj(targets::word).toList());
    }

    /** Word ids of {@code text}, at most {@code max}. */
    private static int[] ids(Vocabulary vocabulary, String text, int max) {
        List<String> tokens = Vocabulary.tokens(text);
        return tokens.stream().limit(max).mapToInt(vocabulary::indexOf).toArray();
    }
}
