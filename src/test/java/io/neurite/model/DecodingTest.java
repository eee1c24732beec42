package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Greedy and beam search on next-word tables small enough to search by hand. Words: 0 padding, 1 unknown, 2 begin,
 * 3 end, 4 A, 5 B; a prefix not in the table is followed by the end mark with probability 1.
 */
class DecodingTest {
    private static final int BEGIN = 2, END = 3, A = 4, B = 5;

    /** The next-word model of {@code table}: prefix (begin first, as a list) to probabilities of words 0..5. */
    private static Decoding.NextWords model(Map<List<Integer>, double[]> table) {
        return prefixes -> prefixes.stream().map(prefix -> {
            double[] p = table.getOrDefault(Arrays.stream(prefix).boxed().toList(), new double[] {0, 0, 0, 1, 0, 0});
            return Arrays.stream(p).map(Math::log).toArray();
        }).toArray(double[][]::new);
    }

    /**
     * After begin: A .5, B .4, end .1; after A: end .4, A .3, B .3; after B: end .9. Greedy takes A (.5) then end (.4):
     * "A", P = .2. A beam of 2 keeps A and B, then the best two expansions are "B end" (.4 x .9 = .36) and "A end"
     * (.2), both finished, of equal length: "B" wins.
     */
    @Test
    void aBeamFindsTheMoreProbableSentenceGreedySearchMisses() {
        Decoding.NextWords next = model(Map.of(
                List.of(BEGIN), new double[] {0, 0, 0, .1, .5, .4},
                List.of(BEGIN, A), new double[] {0, 0, 0, .4, .3, .3},
                List.of(BEGIN, B), new double[] {0, 0, 0, .9, .05, .05}));
        assertArrayEquals(new int[] {A}, Decoding.greedy(next, BEGIN, END, 10));
        assertArrayEquals(new int[] {B}, Decoding.beam(next, BEGIN, END, 10, 2));
        assertArrayEquals(new int[] {A}, Decoding.beam(next, BEGIN, END, 10, 1), "a beam of 1 is greedy search");
        assertArrayEquals(new int[] {B}, Decoding.beam(next, BEGIN, END, 10, 6));
    }

    /**
     * After begin: end .4, A .6; after A: end .6, B .4; after A B: end 1. Finished: "" (log .4 = -0.916, L 1), "A"
     * (log .36 = -1.022, L 2), "A B" (log .24 = -1.427, L 3). Unnormalised (alpha 0) the empty sentence wins; with
     * alpha 0.75 the scores are -0.916, -1.022 / 2^0.75 = -0.608 and -1.427 / 3^0.75 = -0.626: "A" wins.
     */
    @Test
    void lengthNormalisationStopsTheBeamPreferringShortSentences() {
        Decoding.NextWords next = model(Map.of(
                List.of(BEGIN), new double[] {0, 0, 0, .4, .6, 0},
                List.of(BEGIN, A), new double[] {0, 0, 0, .6, 0, .4}));
        assertArrayEquals(new int[0], Decoding.beam(next, BEGIN, END, 10, 3, 0));
        assertArrayEquals(new int[] {A}, Decoding.beam(next, BEGIN, END, 10, 3));
    }

    /** With the end mark never the most probable, both searches stop after maxLength words. */
    @Test
    void bothSearchesStopAtTheMaximumLength() {
        Decoding.NextWords next = prefixes -> prefixes.stream()
                .map(p -> Arrays.stream(new double[] {0, 0, 0, .2, .5, .3}).map(Math::log).toArray()).toArray(double[][]::new);
        assertArrayEquals(new int[] {A, A, A}, Decoding.greedy(next, BEGIN, END, 3));
        assertArrayEquals(new int[] {A, A, A}, Decoding.beam(next, BEGIN, END, 3, 1));
        // beam 2 keeps A, B; then A A (.25), A B (.15); then A A A (.125), A A B (.075): unfinished, the first returned
        assertArrayEquals(new int[] {A, A, A}, Decoding.beam(next, BEGIN, END, 3, 2));
    }
}
