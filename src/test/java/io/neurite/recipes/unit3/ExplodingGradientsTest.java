package io.neurite.recipes.unit3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.recipes.Recipes;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The clipping lesson, measured: same start, same batches, same SGD rate; unclipped the gradient norm jumps by orders
 * of magnitude and the loss becomes infinite or NaN, clipped by value or by norm the RNN learns to carry the first value
 * (held-out MSE well under the 1/3 of predicting 0). Seen (loaded 2-core machine, about 40 s): unclipped NaN at step
 * 74 after ||g|| went from about 2 to 3e10; clipValue(0.1) and clipNorm(1) held-out MSE about 0.06-0.08 with ||g|| at
 * most about 10.
 */
class ExplodingGradientsTest {
    @Test
    @Tag("slow")
    void unclippedSgdDivergesWhereClippedSgdLearnsTheTask() {
        assertEquals(3, Recipes.find("exploding-gradients").orElseThrow().unit());
        var runs = ExplodingGradients.compare(ExplodingGradients.TRAINING_STEPS);
        double predictZero = ExplodingGradients.firstValueTask(256, 2).labels().mul(ExplodingGradients.firstValueTask(256, 2)
                .labels()).meanNumber().doubleValue();
        for (var r : runs) {
            System.out.printf("%s: %d steps, first ||g|| %.3g, largest %.3g, held-out %.4f (predicting 0: %.4f)%n", r.name(),
                    r.loss().length, r.gradientNorm()[0], r.maxGradientNorm(), r.heldOutLoss(), predictZero);
        }
        var none = runs.get(0);
        assertTrue(none.diverged(), "unclipped SGD should diverge: last loss " + none.loss()[none.loss().length - 1]);
        double largestFinite = Arrays.stream(none.gradientNorm()).filter(Double::isFinite).max().orElseThrow();
        assertTrue(largestFinite > 1e3 * none.gradientNorm()[0], "the norm exploded only to " + largestFinite);
        for (var clipped : runs.subList(1, 3)) {
            assertFalse(clipped.diverged(), clipped.name());
            assertEquals(ExplodingGradients.TRAINING_STEPS, clipped.loss().length, clipped.name());
            assertTrue(clipped.heldOutLoss() < 0.5 * predictZero, clipped.name() + " held-out " + clipped.heldOutLoss());
            assertTrue(clipped.maxGradientNorm() < 1e3, clipped.name() + " largest norm " + clipped.maxGradientNorm());
        }
    }
}
