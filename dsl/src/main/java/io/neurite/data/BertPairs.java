package io.neurite.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BERT's pretraining examples (Devlin et al. 2019; d2l 15.9) from texts of several sentences (paragraphs, reviews).
 * <p>
 * <b>Next sentence:</b> every pair of consecutive sentences (A, B) of a text gives one example; with probability 1/2 B
 * stays (label {@value #IS_NEXT}) or is replaced by a random sentence of another text (label {@value #NOT_NEXT}). The
 * input is {@code <cls>} A {@code <sep>} B {@code <sep>}, segments 0 for {@code <cls>} A {@code <sep>} and 1 for
 * B {@code <sep>}, right-padded with {@code <pad>} (segment 0) to the steps and masked; pairs longer than the steps are
 * skipped, as d2l does.
 * <p>
 * <b>Masked LM:</b> of the n positions of known words (never {@code <cls>}, {@code <sep>}, padding, nor {@code <unk>},
 * whose word is lost), max(1, round(0.15 n)) chosen at random are predicted; each becomes {@code <mask>} with
 * probability 0.8, a random word of the vocabulary with 0.1, and stays unchanged with 0.1. The label at a chosen
 * position is the original word's id.
 * <p>
 * The dataset: features {@value #TOKENS} and {@value #SEGMENTS} [n, steps] (ids, both masked by the real tokens),
 * labels {@value #NSP} [n, 2] one-hot and {@value #MLM} [n, steps] holding original ids, masked to the chosen positions
 * (expand it to one-hot rows before a softmax output sees it). The same texts, vocabulary and seed give the same data;
 * {@link #passes} draws new masks and next sentences for each pass over the texts.
 */
public final class BertPairs {
    public static final String TOKENS = "tokens", SEGMENTS = "segments", MLM = "mlm", NSP = "nsp", LABEL = "label";
    /** NSP classes: index 0 not next, index 1 is next. */
    public static final int NOT_NEXT = 0, IS_NEXT = 1;
    public static final List<String> NSP_CLASSES = List.of("not next", "is next");
    public static final double PREDICTED = 0.15, MASKED = 0.8, RANDOM = 0.1;
    /** The marks' ids in a vocabulary of {@link Vocabulary#withBertMarks}. */
    public static final int CLS_ID = 2, SEP_ID = 3, MASK_ID = 4;

    private final Vocabulary vocabulary;
    private final int steps;

    private BertPairs(Vocabulary vocabulary, int steps) {
        this.vocabulary = vocabulary;
        this.steps = steps;
    }

    /** A generator of examples of {@code steps} tokens; {@code vocabulary} must come from {@link Vocabulary#withBertMarks}. */
    public static BertPairs of(Vocabulary vocabulary, int steps) {
        if (vocabulary.indexOf(Vocabulary.CLS) != CLS_ID || vocabulary.indexOf(Vocabulary.SEP) != SEP_ID
                || vocabulary.indexOf(Vocabulary.MASK) != MASK_ID || vocabulary.size() < MASK_ID + 2) {
            throw new IllegalArgumentException("BERT pairs need a vocabulary with the marks <cls>, <sep>, <mask> and at"
                    + " least one word: build it with Vocabulary.withBertMarks");
        }
        if (steps < 5) throw new IllegalArgumentException("BERT pairs need at least 5 steps (<cls> A <sep> B <sep>), got " + steps);
        return new BertPairs(vocabulary, steps);
    }

    /** The sentences of a text (split after '.', '!' or '?' followed by white space) as word tokens; empty ones dropped. */
    public static List<List<String>> sentences(String text) {
        List<List<String>> out = new ArrayList<>();
        for (String s : text.split("(?<=[.!?])\\s+")) {
            List<String> tokens = Vocabulary.tokens(s);
            if (!tokens.isEmpty()) out.add(tokens);
        }
        return out;
    }

    /** The examples of {@code texts} (see the class comment), drawn with {@code seed}. */
    public Dataset examples(List<String> texts, long seed) { return examples(texts, seed, 1); }

    /**
     * As {@link #examples(List, long)}, every pair of consecutive sentences drawn {@code copies} times, each time with
     * its own next-sentence draw and masked words (Devlin et al.'s {@code dupe_factor}): a small corpus then shows its
     * words under several maskings rather than one, and the model cannot learn the answers by heart.
     */
    public Dataset examples(List<String> texts, long seed, int copies) {
        if (copies < 1) throw new IllegalArgumentException("copies must be at least 1, got " + copies);
        List<List<int[]>> paragraphs = new ArrayList<>();
        for (String text : texts) {
            List<int[]> ids = new ArrayList<>();
            for (List<String> s : sentences(text)) ids.add(s.stream().mapToInt(vocabulary::indexOf).toArray());
            if (ids.size() >= 2) paragraphs.add(ids);
        }
        if (paragraphs.size() < 2) {
            throw new IllegalArgumentException("BERT pairs need at least two texts of two sentences or more (a 'not next'"
                    + " sentence comes from another text); " + paragraphs.size() + " of the " + texts.size() + " texts has two");
        }
        Random random = new Random(seed);
        List<float[][]> rows = new ArrayList<>();   // per example: tokens, segments, mask, mlm ids, mlm mask, nsp
        for (int copy = 0; copy < copies; copy++) {
            for (List<int[]> paragraph : paragraphs) {
                for (int i = 0; i + 1 < paragraph.size(); i++) {
                    boolean isNext = random.nextBoolean();
                    int[] a = paragraph.get(i);
                    int[] b = isNext ? paragraph.get(i + 1) : randomSentence(paragraphs, paragraph, random);
                    if (a.length + b.length + 3 > steps) continue;
                    rows.add(example(a, b, isNext, random));
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no pair of consecutive sentences fits in " + steps + " steps; use more steps");
        }
        int n = rows.size();
        float[][][] columns = new float[6][n][];
        for (int e = 0; e < n; e++) for (int c = 0; c < 6; c++) columns[c][e] = rows.get(e)[c];
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> features = new LinkedHashMap<>();
        features.put(TOKENS, Nd4j.create(columns[0]));
        features.put(SEGMENTS, Nd4j.create(columns[1]));
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> labels = new LinkedHashMap<>();
        labels.put(MLM, Nd4j.create(columns[3]));
        labels.put(NSP, Nd4j.create(columns[5]));
        return Dataset.of(features, labels).withMask(TOKENS, Nd4j.create(columns[2]))
                .withMask(SEGMENTS, Nd4j.create(columns[2])).withMask(MLM, Nd4j.create(columns[4]));
    }

    /**
     * Examples drawn afresh for each pass over {@code texts} (RoBERTa's dynamic masking, Liu et al. 2019): pass e (from
     * 1) is {@code examples(texts, s + e, copies)} where s is the first long of {@code Random(seed)}, so every epoch
     * predicts other words and pairs other random sentences, and the same seed repeats the whole sequence (for a
     * training step's {@code fit} of data drawn per epoch).
     */
    public IntFunction<Dataset> passes(List<String> texts, long seed, int copies) {
        return pass -> examples(texts, new Random(seed).nextLong() + pass, copies);
    }

    /**
     * Single texts for a classifier on the encoder (d2l 16.6): {@code <cls>} the text's first words {@code <sep>} in
     * {@value #TOKENS} (cut to the steps, padded and masked), segments 0, labels {@value #LABEL} one-hot. Nothing masked.
     */
    public Dataset singles(LabelledTexts texts) {
        int n = texts.size();
        float[][] tokens = new float[n][steps];
        float[][] real = new float[n][steps];
        for (int i = 0; i < n; i++) {
            List<String> words = Vocabulary.tokens(texts.texts().get(i));
            int t = 0;
            tokens[i][t++] = CLS_ID;
            for (String w : words.subList(0, Math.min(words.size(), steps - 2))) tokens[i][t++] = vocabulary.indexOf(w);
            tokens[i][t++] = SEP_ID;
            Arrays.fill(real[i], 0, t, 1);
        }
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> features = new LinkedHashMap<>();
        features.put(TOKENS, Nd4j.create(tokens));
        features.put(SEGMENTS, Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, steps));
        return Dataset.of(features, Map.of(LABEL, Dataset.oneHot(texts.labels(), texts.classNames().size())))
                .withMask(TOKENS, Nd4j.create(real)).withMask(SEGMENTS, Nd4j.create(real));
    }

    /** A random sentence of a random text other than {@code own}. */
    private static int[] randomSentence(List<List<int[]>> paragraphs, List<int[]> own, Random random) {
        List<int[]> p;
        do p = paragraphs.get(random.nextInt(paragraphs.size())); while (p == own);
        return p.get(random.nextInt(p.size()));
    }

    /** Rows tokens, segments, mask, mlm ids, mlm mask (each of {@code steps}) and the NSP one-hot (2). */
    private float[][] example(int[] a, int[] b, boolean isNext, Random random) {
        float[] tokens = new float[steps];
        float[] segments = new float[steps];
        float[] real = new float[steps];
        float[] mlm = new float[steps];
        float[] predicted = new float[steps];
        int t = 0;
        tokens[t++] = CLS_ID;
        List<Integer> words = new ArrayList<>();
        for (int id : a) {
            if (id != Vocabulary.UNKNOWN) words.add(t);
            tokens[t++] = id;
        }
        tokens[t++] = SEP_ID;
        int segmentB = t;
        for (int id : b) {
            if (id != Vocabulary.UNKNOWN) words.add(t);
            tokens[t++] = id;
        }
        tokens[t++] = SEP_ID;
        Arrays.fill(segments, segmentB, t, 1);
        Arrays.fill(real, 0, t, 1);
        java.util.Collections.shuffle(words, random);
        int chosen = words.isEmpty() ? 0 : Math.max(1, (int) Math.round(PREDICTED * words.size()));
        for (int p : words.subList(0, chosen)) {
            mlm[p] = tokens[p];
            predicted[p] = 1;
            double r = random.nextDouble();
            if (r < MASKED) tokens[p] = MASK_ID;
            else if (r < MASKED + RANDOM) tokens[p] = MASK_ID + 1 + random.nextInt(vocabulary.size() - MASK_ID - 1);
        }
        float[] nsp = new float[2];
        nsp[isNext ? IS_NEXT : NOT_NEXT] = 1;
        return new float[][] {tokens, segments, real, mlm, predicted, nsp};
    }
}
