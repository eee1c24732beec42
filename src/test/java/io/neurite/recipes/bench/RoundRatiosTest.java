package io.neurite.recipes.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark's ratio arithmetic, against ratios worked out by hand. */
class RoundRatiosTest {
    @Test
    void ratiosArePerRoundAndBestRoundsCompareEachSidesFastest() {
        // rounds: 10/5 = 2, 12/4 = 3, 30/12 = 2.5; fastest rounds 10 and 4
        RoundRatios r = RoundRatios.of(new double[] {10, 12, 30}, new double[] {5, 4, 12});
        assertEquals(2.5, r.median(), 1e-12);
        assertEquals(2.0, r.min(), 1e-12);
        assertEquals(3.0, r.max(), 1e-12);
        assertEquals(2.5, r.bestRounds(), 1e-12);
        assertEquals("ratio 2.500 [2.000 - 3.000], best rounds 2.500", r.toString());
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
        // ratios 1.0, 1.5, 1.2, 1.1 -> sorted 1.0 1.1 1.2 1.5 -> median 1.15
        RoundRatios r = RoundRatios.of(new double[] {2, 3, 6, 2.2}, new double[] {2, 2, 5, 2});
        assertEquals(1.15, r.median(), 1e-12);
        assertEquals(1.0, r.bestRounds(), 1e-12);
    }

    @Test
    void unequalRoundCountsAreRefusedSayingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RoundRatios.of(new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("2 and 1"), e.getMessage());
    }
}
