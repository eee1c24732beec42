package io.neurite.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Both BLEU definitions against values computed by hand from their formulas. */
class BleuTest {
    @Test
    void d2lBleuByHand() {
        assertEquals(1.0, Bleu.d2l("va !", "va !", 2), 1e-12);
        // 6 predicted tokens against 5: no penalty; unigrams 5/6 matched, bigrams 3/5 (je suis, suis chez, chez moi)
        assertEquals(Math.pow(5 / 6.0, 0.5) * Math.pow(3 / 5.0, 0.25),
                Bleu.d2l("je suis chez moi <unk> .", "je suis chez moi .", 2), 1e-12);
        // 2 tokens against 4: penalty exp(1 - 4/2); every n-gram matched
        assertEquals(Math.exp(-1), Bleu.d2l("il est", "il est calme .", 2), 1e-12);
        // a label n-gram is matched once: "le le le" against "le chat": unigrams 1/3, bigrams 0/2
        assertEquals(0.0, Bleu.d2l("le le le", "le chat", 2), 1e-12);
        assertEquals(Math.pow(1 / 3.0, 0.5), Bleu.d2l("le le le", "le chat", 1), 1e-12);
        // n stops at the prediction's length: one token, k = 4, only p_1 = 1, penalty exp(1 - 3)
        assertEquals(Math.exp(-2), Bleu.d2l("va", "va ! !", 4), 1e-12);
        assertEquals(0.0, Bleu.d2l("", "va !", 2), 0);
    }

    @Test
    void corpusBleuByHand() {
        // Papineni's example: "the" seven times against two references, unigram counts clipped to 2; c = 7, r = 7
        List<String> the = List.of("the the the the the the the".split(" "));
        List<List<String>> refs = List.of(List.of("the cat is on the mat".split(" ")),
                List.of("there is a cat on the mat".split(" ")));
        assertEquals(2 / 7.0, Bleu.corpus(List.of(the), List.of(refs), 1), 1e-12);
        // two sentences, N = 2: p1 = (3 + 2) / (4 + 2), p2 = (2 + 1) / (3 + 1), c = 6, r = 8, BP = exp(1 - 8/6)
        double expected = Math.exp(1 - 8 / 6.0) * Math.exp((Math.log(5 / 6.0) + Math.log(3 / 4.0)) / 2);
        assertEquals(expected, Bleu.corpus(List.of(List.of("a b c d".split(" ")), List.of("x y".split(" "))),
                List.of(List.of(List.of("a b c e".split(" "))), List.of(List.of("x y z w".split(" ")))), 2), 1e-12);
        // BLEU-4 of a perfect corpus is 1; a corpus without any matching 4-gram scores 0
        assertEquals(1.0, Bleu.corpus(List.of("il est calme .", "je suis chez moi ."),
                List.of("il est calme .", "je suis chez moi .")), 1e-12);
        assertEquals(0.0, Bleu.corpus(List.of("il est calme"), List.of("il est calme .")), 0);
    }

    @Test
    void mismatchedCorporaAreRefusedWithTheCounts() {
        var e = assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of("a"), List.of("a", "b")));
        assertEquals("corpus BLEU needs one reference per candidate, got 1 candidates and 2 references", e.getMessage());
    }
}
