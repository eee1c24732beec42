package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Dataset;
import io.neurite.data.Vocabulary;
import io.neurite.eval.Bleu;
import io.neurite.testing.ReversedNumbers;
import io.neurite.train.Fit;
import io.neurite.train.Optimizer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The Transformer encoder-decoder: teacher-forcing data, and greedy translation of a toy language pair. */
class Seq2SeqTest {
    /** n sentences of 1 to 4 numbers, the French in reverse order. */
    private static List<String[]> pairs(int n, Random random) { return ReversedNumbers.pairs(n, 4, random); }

    private static Seq2Seq translator(List<String[]> train) {
        Vocabulary en = Vocabulary.build(train.stream().map(p -> p[0]).toList(), 100);
        Vocabulary fr = Vocabulary.withSentenceMarks(train.stream().map(p -> p[1]).toList(), 100);
        return Seq2Seq.transformer(en, fr, 5, 6, 32, 2, 64, 1, Optimizer.adam(0.005), 3);
    }

    @Test
    void teacherForcingShiftsTheTargetBehindBeginAndLabelsItWithEnd() {
        Seq2Seq s = translator(List.<String[]>of(new String[] {"one two", "deux un"}));
        Dataset d = s.data(List.of("one two", ""), List.of("deux un", "un"));
        // target vocabulary: 2 <bos>, 3 <eos>, then deux and un (equally frequent, alphabetical): 4, 5
        assertEquals("[2.0, 4.0, 5.0, 0.0, 0.0, 0.0]", java.util.Arrays.toString(d.features(Seq2Seq.TARGET).getRow(0).toDoubleVector()));
        INDArray labels = d.labels().slice(0);                                  // [steps, vocabulary]
        assertEquals("[4, 5, 3]", java.util.Arrays.toString(new int[] {labels.getRow(0).argMax(0).getInt(0),
                labels.getRow(1).argMax(0).getInt(0), labels.getRow(2).argMax(0).getInt(0)}));
        assertEquals("[1.0, 1.0, 1.0, 0.0, 0.0, 0.0]", java.util.Arrays.toString(d.labelMask().getRow(0).toDoubleVector()));
        assertEquals("[1.0, 1.0, 0.0, 0.0, 0.0]", java.util.Arrays.toString(d.mask(Seq2Seq.SOURCE).getRow(0).toDoubleVector()));
        assertEquals("[1.0, 0.0, 0.0, 0.0, 0.0]", java.util.Arrays.toString(d.mask(Seq2Seq.SOURCE).getRow(1).toDoubleVector()),
                "an empty source keeps one (padding) step to attend to");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> s.data(List.of("one"), List.of()));
        assertEquals("seq2seq data needs one target per source, got 1 sources and 0 targets", e.getMessage());
        var marks = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Seq2Seq.transformer(Vocabulary.build(List.of("one"), 10), Vocabulary.build(List.of("un"), 10), 5, 6,
                        32, 2, 64, 1, Optimizer.adam(0.005), 3));
        assertTrue(marks.getMessage().contains("Vocabulary.withSentenceMarks"), marks.getMessage());
    }

    /** About three minutes on a loaded 2-core machine (training 15 epochs, then 50 greedy decodings). */
    @Test
    @Tag("slow")
    void aTransformerLearnsToTranslateAndReverseHeldOutSentences() {
        Random random = new Random(1);
        List<String[]> train = pairs(2000, random);
        List<String[]> test = pairs(50, random);
        Seq2Seq s = translator(train);
        s.model().fit(s.data(train.stream().map(p -> p[0]).toList(), train.stream().map(p -> p[1]).toList()),
                Fit.epochs(15).batchSize(64).quiet());
        List<String> candidates = test.stream().map(p -> s.translate(p[0])).toList();
        List<String> references = test.stream().map(p -> p[1]).toList();
        double corpus = Bleu.corpus(candidates, references);
        long exact = java.util.stream.IntStream.range(0, test.size()).filter(i -> candidates.get(i).equals(references.get(i))).count();
        System.out.printf("seq2seq toy: corpus BLEU %.3f, exact %d/50; 'one two three' -> '%s'%n", corpus, exact,
                s.translate("one two three"));
        // seen: BLEU 0.922, 92 of 100 exact; a decoder that ignored the source could not order the words
        assertTrue(exact >= 35, exact + " of 50 held-out sentences exact: " + candidates);
        assertTrue(corpus > 0.75, "corpus BLEU " + corpus);
        // unknown words, an empty sentence, a sentence longer than trained: a sentence, no exception
        assertTrue(s.translate("one zebra").split(" ").length <= 5);
        assertTrue(s.translate("").split(" ").length <= 5);
        assertTrue(s.translate("one two three four five six one two").split(" ").length <= 5);
    }
}
