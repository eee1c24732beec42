package io.neurite.model;

import io.neurite.compile.Sequences;
import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Vocabulary;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Sequence-to-sequence translation with a Transformer encoder-decoder (d2l 10.7, 11.7). The model reads the source's
 * token ids (input {@value #SOURCE}, padded steps masked) and the target so far (input {@value #TARGET}: {@code <bos>}
 * then the target's words, causal), and predicts at each step the next target word (output: softmax over the target
 * vocabulary). Training uses teacher forcing: the decoder reads the true previous words, and the labels are the target
 * followed by {@code <eos>}. {@link #translate} decodes greedily: it starts from {@code <bos>}, appends the most
 * probable word and stops at {@code <eos>} or after the target length. Words outside a vocabulary become
 * {@code <unk>}; a source longer than the source length is cut to it; an empty source gives the decoder nothing to
 * attend to but still yields a sentence.
 */
public final class Seq2Seq {
    public static final String SOURCE = "source";
    public static final String TARGET = "target";

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
        if (targets.indexOf(Vocabulary.BEGIN) != 2 || targets.indexOf(Vocabulary.END) != 3) {
            throw new IllegalArgumentException("the target vocabulary needs the sentence marks <bos> and <eos>: build it"
                    + " with Vocabulary.withSentenceMarks");
        }
        GraphBuilder g = Model.graph("seq2seq").seed(seed);
        Node memory = g.input(SOURCE, Shape.tokens(sourceSteps, sources.size())).embedding(d).positionalEncoding();
        Node y = g.input(TARGET, Shape.tokens(targetSteps, targets.size())).embedding(d).positionalEncoding();
        for (int b = 0; b < blocks; b++) memory = Transformer.encoderBlock(memory, heads, hidden);
        for (int b = 0; b < blocks; b++) y = Transformer.decoderBlock(y, memory, heads, hidden);
        g.output(y.dense(targets.size()).softmax());
        return new Seq2Seq(g.build().compile(Loss.crossEntropy(), optimizer), sources, targets, sourceSteps, targetSteps);
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
            int[] s = ids(sources, sourceTexts.get(i), sourceSteps);
            for (int t = 0; t < s.length; t++) {
                source.putScalar(i, t, s[t]);
                sourceMask.putScalar(i, t, 1);
            }
            if (s.length == 0) sourceMask.putScalar(i, 0, 1);                 // an empty source: one padding step read
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
        int[] s = ids(sources, sourceText, sourceSteps);
        INDArray source = Nd4j.zeros(DataType.FLOAT, 1, sourceSteps);
        INDArray sourceMask = Nd4j.zeros(DataType.FLOAT, 1, sourceSteps);
        for (int t = 0; t < s.length; t++) {
            source.putScalar(0, t, s[t]);
            sourceMask.putScalar(0, t, 1);
        }
        if (s.length == 0) sourceMask.putScalar(0, 0, 1);
        INDArray decoderIn = Nd4j.zeros(DataType.FLOAT, 1, targetSteps);
        decoderIn.putScalar(0, 0, targets.indexOf(Vocabulary.BEGIN));
        List<String> words = new ArrayList<>();
        Map<String, Shape> in = model.spec().inputs();
        for (int t = 0; t < targetSteps; t++) {
            INDArray[] inputs = {Sequences.toDl4j(source, in.get(SOURCE)), Sequences.toDl4j(decoderIn, in.get(TARGET))};
            INDArray[] masks = {sourceMask, Nd4j.ones(DataType.FLOAT, 1, targetSteps)};
            INDArray probabilities = model.network().output(false, inputs, masks)[0];   // [1, vocabulary, steps]
            int next = probabilities.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(t)).argMax(0).getInt(0);
            if (next == targets.indexOf(Vocabulary.END)) break;
            words.add(targets.word(next));
            if (t + 1 < targetSteps) decoderIn.putScalar(0, t + 1, next);
        }
        return String.join(" ", words);
    }

    /** Word ids of {@code text}, at most {@code max}. */
    private static int[] ids(Vocabulary vocabulary, String text, int max) {
        List<String> tokens = Vocabulary.tokens(text);
        return tokens.stream().limit(max).mapToInt(vocabulary::indexOf).toArray();
    }
}
