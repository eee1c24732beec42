package io.neurite.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neurite.data.CharCorpus;
import org.junit.jupiter.api.Test;

/** The smoothed trigram baseline against Witten-Bell probabilities counted by hand. */
class CharTrigramTest {
    // alphabet {a, b, c} (V = 3); trained on "abaab", the first 5 characters
    private final CharCorpus corpus = new CharCorpus("abaabc");
    private final CharTrigram model = CharTrigram.train(corpus, 0, 5);

    @Test
    void unigramInterpolatesWithTheUniformDistribution() {
        // N = 5 (a 3, b 2), T = 2 distinct: P(c) = (N(c) + 2 * 1/3) / (5 + 2)
        assertEquals(11.0 / 21, model.probability("", 'a'), 1e-12);
        assertEquals(8.0 / 21, model.probability("", 'b'), 1e-12);
        assertEquals(2.0 / 21, model.probability("", 'c'), 1e-12);       // never seen, still above 0
    }

    @Test
    void bigramAndTrigramBackOffThroughEveryShorterContext() {
        // after "a": b twice, a once (N = 3, T = 2): P(a | a) = (1 + 2 * 11/21) / 5
        assertEquals(43.0 / 105, model.probability("a", 'a'), 1e-12);
        assertEquals(58.0 / 105, model.probability("a", 'b'), 1e-12);
        // after "b": a once (N = 1, T = 1): P(a | b) = (1 + 11/21) / 2 = 16/21; after "ab": a once, so
        // P(a | ab) = (1 + 16/21) / 2 and P(c | ab) = (0 + P(c | b)) / 2 = ((0 + 2/21) / 2) / 2
        assertEquals(37.0 / 42, model.probability("ab", 'a'), 1e-12);
        assertEquals(1.0 / 42, model.probability("ab", 'c'), 1e-12);
        assertEquals(37.0 / 42, model.probability("xxab", 'a'), 1e-12, "only the last two characters count");
        // "cc" and "c" were never seen as contexts: the unigram decides
        assertEquals(11.0 / 21, model.probability("cc", 'a'), 1e-12);
    }

    @Test
    void everyContextGivesADistribution() {
        for (String h : new String[] {"", "a", "b", "c", "aa", "ab", "ba", "bb", "ca"}) {
            double sum = 0;
            for (char c : corpus.alphabet().toCharArray()) sum += model.probability(h, c);
            assertEquals(1.0, sum, 1e-12, "context '" + h + "'");
        }
    }

    @Test
    void perplexityIsTheInverseGeometricMeanOfTheCharactersAfterTheFirst() {
        // "abc": P(b | a) = 58/105, P(c | ab) = 1/42
        double expected = Math.exp(-(Math.log(58.0 / 105) + Math.log(1.0 / 42)) / 2);
        assertEquals(expected, model.perplexity("abc"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> model.perplexity("a"));
        assertThrows(IllegalArgumentException.class, () -> CharTrigram.train(corpus, 3, 3));
    }
}
