package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Vocabulary;
import io.neurite.testing.ReversedNumbers;
import io.neurite.train.Fit;
import io.neurite.train.Optimizer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The recurrent encoder-decoders (GRU, GRU with additive attention) on a toy language pair: numbers in English
 * translated to French in reverse order, so each output word must be found in the source.
 */
class RecurrentSeq2SeqTest {
    /** n sentences of 1 to 3 numbers, the French in reverse order. */
    private static List<String[]> pairs(int n, Random random) { return ReversedNumbers.pairs(n, 3, random); }

    private static Vocabulary english(List<String[]> pairs) { return Vocabulary.build(pairs.stream().map(p -> p[0]).toList(), 100); }

    private static Vocabulary french(List<String[]> pairs) {
        return Vocabulary.withSentenceMarks(pairs.stream().map(p -> p[1]).toList(), 100);
    }

    private static void fit(Seq2Seq s, List<String[]> train, int epochs) {
        s.model().fit(s.data(train.stream().map(p -> p[0]).toList(), train.stream().map(p -> p[1]).toList()),
                Fit.epochs(epochs).batchSize(32).quiet());
    }

    private static Seq2Seq translator(boolean attention, List<String[]> train) {
        return attention
                ? Seq2Seq.gruWithAttention(english(train), french(train), 4, 4, 16, 32, Optimizer.adam(0.01), 3)
                : Seq2Seq.gru(english(train), french(train), 4, 4, 16, 32, Optimizer.adam(0.01), 3);
    }

    /**
     * Both models, 300 pairs, 6 epochs: seen 29/30 (GRU) and 30/30 (with attention) held-out sentences exact after 8
     * epochs on 600 pairs, 26/30 and 29/30 after 6 on 400; a decoder that ignored the source, or one that could not
     * order the words, gets few.
     * Beam search of width 1 gives the greedy translations. The attention model's weights, predicting the first French
     * word, lie most on the last English word (the reversal).
     */
    @Test
    @Tag("slow")
    void recurrentTranslatorsLearnToReverseHeldOutSentences() {
        Random random = new Random(1);
        List<String[]> train = pairs(300, random);
        List<String[]> test = pairs(30, random);
        for (boolean attention : new boolean[] {false, true}) {
            Seq2Seq s = translator(attention, train);
            fit(s, train, 6);
            List<String> candidates = test.stream().map(p -> s.translate(p[0])).toList();
            long exact = java.util.stream.IntStream.range(0, test.size()).filter(i -> candidates.get(i).equals(test.get(i)[1])).count();
            System.out.printf("%s: exact %d/30; beam 3 on the first: '%s' (reference '%s')%n", s.model().spec().name(),
                    exact, s.translate(test.get(0)[0], 3), test.get(0)[1]);
            assertTrue(exact >= 22, s.model().spec().name() + ": " + exact + " of 30 exact: " + candidates);
            for (int i = 0; i < 5; i++) assertEquals(candidates.get(i), s.translate(test.get(i)[0], 1));
            if (attention) {
                double[][] w = s.attentionWeights("one two three", s.translate("one two three"));
                System.out.println("attention of 'one two three': " + Arrays.deepToString(w));
                assertEquals(3, w[0].length);
                for (double[] row : w) assertEquals(1.0, Arrays.stream(row).sum(), 1e-6);
                assertTrue(w[0][2] > w[0][0] && w[0][2] > w[0][1], Arrays.toString(w[0]));
            }
        }
    }

    /**
     * Parameters, as d2l's layers count them with one bias per gate (Keras): embeddings V e; encoder GRU
     * 3 (h (e + h) + h); decoder GRU reading [e, h]: 3 (h (e + 2h) + h); output dense (h + 1) V_fr. Attention adds
     * W_q, W_k [h, h] and w_v [h], and h V_fr weights to the dense layer reading [s_t, c_t].
     */
    @Test
    void parameterCountsFollowTheLayers() {
        List<String[]> train = pairs(20, new Random(2));
        int ve = english(train).size(), vf = french(train).size(), e = 16, h = 32;
        long plain = ve * e + 3L * (h * (e + h) + h) + vf * e + 3L * (h * (e + 2 * h) + h) + (h + 1L) * vf;
        assertEquals(plain, translator(false, train).model().paramCount());
        assertEquals(plain + h * (2L * h + 1) + (long) h * vf, translator(true, train).model().paramCount());
    }

    /** The attention model saved and loaded predicts the same next-word probabilities (its new vertices as JSON). */
    @Test
    void aSavedAttentionModelLoadsAndPredictsTheSame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        List<String[]> train = pairs(20, new Random(2));
        Seq2Seq s = translator(true, train);
        var data = s.data(List.of("one two", "three"), List.of("deux un", "trois"));
        java.nio.file.Path file = dir.resolve("s2s.zip");
        s.model().save(file);
        Model loaded = Model.load(file);
        assertArrayEquals(s.model().predict(data).data().asDouble(), loaded.predict(data).data().asDouble(), 1e-6);
    }

    /** Untrained models: an empty sentence, unknown words and a sentence longer than trained give sentences. */
    @Test
    void oddSentencesGiveSentencesNotExceptions() {
        List<String[]> train = pairs(20, new Random(2));
        for (boolean attention : new boolean[] {false, true}) {
            Seq2Seq s = translator(attention, train);
            for (String odd : List.of("", "zebra giraffe", "one two three four five six one two")) {
                for (int beam : new int[] {1, 3}) {
                    String out = s.translate(odd, beam);
                    assertTrue(out.isEmpty() || out.split(" ").length <= 4, "'" + odd + "' -> '" + out + "'");
                }
                assertEquals(s.translate(odd, 1), s.translate(odd));
            }
            if (!attention) {
                var none = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> s.attentionWeights("one", "un"));
                assertEquals("model 'gru-seq2seq' has no attention layer over the source", none.getMessage());
                var beam = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> s.translate("one", 0));
                assertEquals("beam search needs a beam of at least 1, got 0", beam.getMessage());
                continue;
            }
            double[][] w = s.attentionWeights("", "un");
            assertEquals(2, w.length);
            assertArrayEquals(new double[] {1.0}, w[0], 1e-6, "an empty source: all weight on its one padding step");
        }
    }
}
