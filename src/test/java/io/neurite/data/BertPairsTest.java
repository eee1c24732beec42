package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BERT's pretraining data: every example's layout checked position by position, and the sampling rates (50% next
 * sentences; 15% of words predicted, of which 80% masked, 10% random, 10% unchanged) over many samples.
 */
class BertPairsTest {
    /** Texts whose sentence s of text p is "pP sS w1 ... wk": each sentence is recognisable and its successor known. */
    private static List<String> texts(int paragraphs, int sentences) {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < paragraphs; p++) {
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < sentences; s++) {
                text.append("p").append(p).append(" s").append(s);
                for (int w = 0; w < 4 + (p + s) % 9; w++) text.append(" w").append((p * 7 + s * 3 + w) % 40);
                text.append(s % 3 == 0 ? ". " : s % 3 == 1 ? "! " : "? ");
            }
            out.add(text.toString());
        }
        return out;
    }

    private static final int STEPS = 32;

    private record Example(int[] tokens, int[] segments, int[] real, int[] labels, int[] predicted, boolean isNext) { }

    private static List<Example> examples(Dataset d) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            out.add(new Example(row(d.features(BertPairs.TOKENS), i), row(d.features(BertPairs.SEGMENTS), i),
                    row(d.mask(BertPairs.TOKENS), i), row(d.labels(BertPairs.MLM), i), row(d.mask(BertPairs.MLM), i),
                    d.labels(BertPairs.NSP).getDouble(i, BertPairs.IS_NEXT) == 1));
        }
        return out;
    }

    private static int[] row(INDArray a, int i) { return a.getRow(i).toIntVector(); }

    @Test
    void sentencesSplitAfterStopsAndDropEmptyOnes() {
        assertEquals(List.of(List.of("it", "rains"), List.of("really"), List.of("yes", "it's", "wet")),
                BertPairs.sentences("It rains.  Really?! ... Yes, it's wet"));
    }

    @Test
    void everyExampleIsClsASepBSepWithSegmentsMaskAndLabelsInPlace() {
        List<String> texts = texts(30, 6);
        Vocabulary vocabulary = Vocabulary.withBertMarks(texts, 1000);
        Dataset d = BertPairs.of(vocabulary, STEPS).examples(texts, 5);
        assertEquals(30 * 5, d.size(), "one example per pair of consecutive sentences, all fitting in 32 steps");
        int notNext = 0;
        for (Example e : examples(d)) {
            int length = 0;
            while (length < STEPS && e.real()[length] == 1) length++;
            for (int t = length; t < STEPS; t++) {
                assertEquals(0, e.real()[t]);
                assertEquals(Vocabulary.PAD, e.tokens()[t], "padding is <pad>");
                assertEquals(0, e.segments()[t]);
                assertEquals(0, e.predicted()[t], "padding is never predicted");
            }
            assertEquals(BertPairs.CLS_ID, e.tokens()[0]);
            assertEquals(BertPairs.SEP_ID, e.tokens()[length - 1]);
            int firstSep = -1;
            for (int t = 1; t < length - 1; t++) if (e.tokens()[t] == BertPairs.SEP_ID) firstSep = t;
            assertTrue(firstSep > 0, "a <sep> between A and B");
            for (int t = 0; t < length; t++) {
                assertEquals(t <= firstSep ? 0 : 1, e.segments()[t], "segment at step " + t);
                if (t == 0 || t == firstSep || t == length - 1) assertEquals(0, e.predicted()[t], "<cls>/<sep> predicted");
            }
            // the original words: labels where predicted, the input elsewhere
            String[] words = new String[length];
            int chosen = 0;
            for (int t = 0; t < length; t++) {
                words[t] = vocabulary.word(e.predicted()[t] == 1 ? e.labels()[t] : e.tokens()[t]);
                chosen += e.predicted()[t];
                if (e.predicted()[t] == 0) assertEquals(0, e.labels()[t]);
            }
            int wordCount = length - 3;
            assertEquals(Math.max(1, Math.round(0.15 * wordCount)), chosen, "15% of " + wordCount + " words");
            // A is "pP sS ...", B is "pP' sS' ...": the next sentence exactly when labelled so
            int p = Integer.parseInt(words[1].substring(1));
            int s = Integer.parseInt(words[2].substring(1));
            String bParagraph = words[firstSep + 1];
            String bSentence = words[firstSep + 2];
            boolean next = bParagraph.equals("p" + p) && bSentence.equals("s" + (s + 1));
            if (e.isNext()) assertTrue(next, "an 'is next' pair whose B follows A: " + String.join(" ", words));
            else {
                assertTrue(!bParagraph.equals("p" + p), "a 'not next' B from another text: " + String.join(" ", words));
                notNext++;
            }
        }
        assertEquals(0.5, notNext / 150.0, 0.15, notNext + " of 150 pairs 'not next'");
    }

    @Test
    void ratesOverManySamplesAreBertsWithinTolerance() {
        List<String> texts = texts(400, 8);
        Vocabulary vocabulary = Vocabulary.withBertMarks(texts, 1000);
        Dataset d = BertPairs.of(vocabulary, STEPS).examples(texts, 11);
        double words = 0, chosen = 0, masked = 0, unchanged = 0, random = 0, next = 0;
        Set<Integer> randomIds = new HashSet<>();
        for (Example e : examples(d)) {
            int length = (int) Arrays.stream(e.real()).sum();
            words += length - 3;
            for (int t = 0; t < STEPS; t++) {
                if (e.predicted()[t] == 0) continue;
                chosen++;
                if (e.tokens()[t] == BertPairs.MASK_ID) masked++;
                else if (e.tokens()[t] == e.labels()[t]) unchanged++;
                else {
                    random++;
                    randomIds.add(e.tokens()[t]);
                    assertTrue(e.tokens()[t] > BertPairs.MASK_ID && e.tokens()[t] < vocabulary.size(),
                            "a random replacement is a word, got id " + e.tokens()[t]);
                }
            }
            if (e.isNext()) next++;
        }
        int n = d.size();
        assertEquals(400 * 7, n);
        // binomial standard errors: sqrt(p (1 - p) / count); tolerances are 4 of them or more
        assertEquals(0.5, next / n, 4 * Math.sqrt(0.25 / n), "is-next rate");
        assertEquals(0.15, chosen / words, 0.01, "predicted share of the words (rounded per example)");
        assertEquals(0.8, masked / chosen, 4 * Math.sqrt(0.16 / chosen), "<mask> rate");
        // a random word equals the original with probability about 1/vocabulary, so 'unchanged' gains ~0.1%
        assertEquals(0.1, unchanged / chosen, 4 * Math.sqrt(0.09 / chosen) + 0.002, "unchanged rate");
        assertEquals(0.1, random / chosen, 4 * Math.sqrt(0.09 / chosen), "random-word rate");
        assertTrue(randomIds.size() > 30, "random words are spread over the vocabulary: " + randomIds.size() + " ids");
    }

    @Test
    void unknownWordsAreNeverPredictedAndTheFifteenPercentCountKnownWords() {
        List<String> texts = texts(30, 6);
        Vocabulary vocabulary = Vocabulary.withBertMarks(texts, 30);   // of 76 distinct tokens: many read as <unk>
        int unknown = 0;
        for (Example e : examples(BertPairs.of(vocabulary, STEPS).examples(texts, 2))) {
            int known = 0, chosen = 0;
            for (int t = 0; t < STEPS; t++) {
                int original = e.predicted()[t] == 1 ? e.labels()[t] : e.tokens()[t];
                if (e.real()[t] == 1 && original > BertPairs.MASK_ID) known++;
                if (original == Vocabulary.UNKNOWN) {
                    unknown++;
                    assertEquals(0, e.predicted()[t], "an <unk> chosen for prediction");
                }
                chosen += e.predicted()[t];
            }
            assertEquals(known == 0 ? 0 : Math.max(1, Math.round(0.15 * known)), chosen, "15% of " + known + " known words");
        }
        assertTrue(unknown > 100, unknown + " unknown words met");
    }

    @Test
    void singleTextsAreClsWordsSepWithOneLabelEach() {
        LabelledTexts texts = new LabelledTexts(List.of("A fine film", "dull " + "and dull ".repeat(20)), new int[] {1, 0},
                List.of("negative", "positive"));
        Vocabulary vocabulary = Vocabulary.withBertMarks(texts.texts(), 100);
        Dataset d = BertPairs.of(vocabulary, 8).singles(texts);
        assertEquals(List.of(BertPairs.CLS_ID, vocabulary.indexOf("a"), vocabulary.indexOf("fine"), vocabulary.indexOf("film"),
                BertPairs.SEP_ID, 0, 0, 0), Arrays.stream(row(d.features(BertPairs.TOKENS), 0)).boxed().toList());
        assertEquals(List.of(1, 1, 1, 1, 1, 0, 0, 0), Arrays.stream(row(d.mask(BertPairs.TOKENS), 0)).boxed().toList());
        int[] cut = row(d.features(BertPairs.TOKENS), 1);
        assertEquals(BertPairs.SEP_ID, cut[7], "a long text is cut to leave room for <sep>");
        assertEquals(8, Arrays.stream(row(d.mask(BertPairs.TOKENS), 1)).sum());
        assertEquals(0, d.features(BertPairs.SEGMENTS).sumNumber().intValue());
        assertEquals(List.of(0, 1), Arrays.stream(row(d.labels(BertPairs.LABEL), 0)).boxed().toList());
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        List<String> texts = texts(20, 5);
        BertPairs pairs = BertPairs.of(Vocabulary.withBertMarks(texts, 1000), STEPS);
        Dataset a = pairs.examples(texts, 3);
        Dataset b = pairs.examples(texts, 3);
        Dataset c = pairs.examples(texts, 4);
        assertEquals(a.features(BertPairs.TOKENS), b.features(BertPairs.TOKENS));
        assertEquals(a.labels(BertPairs.MLM), b.labels(BertPairs.MLM));
        assertEquals(a.labels(BertPairs.NSP), b.labels(BertPairs.NSP));
        assertTrue(!a.features(BertPairs.TOKENS).equals(c.features(BertPairs.TOKENS)));
        // passes: each its own draw (other masks, other 'not next' sentences), the same for the same seed and pass
        var passes = pairs.passes(texts, 3, 2);
        Dataset first = passes.apply(1), second = passes.apply(2);
        assertEquals(first.features(BertPairs.TOKENS), pairs.passes(texts, 3, 2).apply(1).features(BertPairs.TOKENS));
        assertTrue(!first.labels(BertPairs.MLM).equals(second.labels(BertPairs.MLM)), "pass 2 predicts other words");
        assertTrue(!first.labels(BertPairs.NSP).equals(second.labels(BertPairs.NSP)), "pass 2 draws other pairs");
        assertEquals(2 * 80, first.size(), "20 texts of 4 consecutive pairs, drawn twice per pass");
    }

    /** The original words of an example's first sentence: inputs, with the label where a word was predicted. */
    private static List<Integer> firstSentence(Example e) {
        List<Integer> words = new ArrayList<>();
        for (int t = 1; e.tokens()[t] != BertPairs.SEP_ID; t++) {
            words.add(e.predicted()[t] == 1 ? e.labels()[t] : e.tokens()[t]);
        }
        return words;
    }

    @Test
    void copiesDrawEveryPairAgainWithItsOwnMasks() {
        List<String> texts = texts(20, 5);
        BertPairs pairs = BertPairs.of(Vocabulary.withBertMarks(texts, 1000), STEPS);
        List<Example> once = examples(pairs.examples(texts, 3));
        List<Example> thrice = examples(pairs.examples(texts, 3, 3));
        // every pair of these texts fits in 32 steps: 20 texts of 4 consecutive pairs, drawn 3 times
        assertEquals(80, once.size());
        assertEquals(3 * 80, thrice.size());
        int sameMasks = 0;
        for (int i = 0; i < once.size(); i++) {
            Example first = thrice.get(i), second = thrice.get(once.size() + i);
            assertEquals(Arrays.toString(once.get(i).tokens()), Arrays.toString(first.tokens()),
                    "the first copy is the data of one copy");
            assertEquals(firstSentence(first), firstSentence(second), "copy 2 of pair " + i + " has the same sentence A");
            if (Arrays.equals(first.predicted(), second.predicted())) sameMasks++;
        }
        // 2 to 4 of a pair's 12 to 28 words chosen: a copy repeats the chosen positions only by chance
        assertTrue(sameMasks < 20, sameMasks + " of 80 pairs chose the same positions in two copies");
        var none = assertThrows(IllegalArgumentException.class, () -> pairs.examples(texts, 3, 0));
        assertEquals("copies must be at least 1, got 0", none.getMessage());
    }

    @Test
    void badInputIsNamed() {
        List<String> texts = texts(3, 3);
        var plain = assertThrows(IllegalArgumentException.class, () -> BertPairs.of(Vocabulary.build(texts, 100), STEPS));
        System.out.println(plain.getMessage());
        assertTrue(plain.getMessage().contains("Vocabulary.withBertMarks"), plain.getMessage());
        BertPairs pairs = BertPairs.of(Vocabulary.withBertMarks(texts, 100), STEPS);
        var single = assertThrows(IllegalArgumentException.class,
                () -> pairs.examples(List.of("One sentence only.", "Two sentences. Here."), 1));
        assertEquals("BERT pairs need at least two texts of two sentences or more (a 'not next' sentence comes from"
                + " another text); 1 of the 2 texts has two", single.getMessage());
        var tooShort = assertThrows(IllegalArgumentException.class,
                () -> BertPairs.of(Vocabulary.withBertMarks(texts, 100), 8).examples(texts, 1));
        assertTrue(tooShort.getMessage().contains("fits in 8 steps"), tooShort.getMessage());
    }
}
