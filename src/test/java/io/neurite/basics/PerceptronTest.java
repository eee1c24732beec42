package io.neurite.basics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerceptronTest {
    static final double[][] TRUTH_TABLE = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    @Test
    void learnsAnd() {
        var p = new Perceptron(2, 1.0);
        var t = p.train(TRUTH_TABLE, new int[] {0, 0, 0, 1}, 100);
        assertTrue(t.converged(), t.toString());
        assertEquals(0, t.errorsPerEpoch().get(t.epochs() - 1));
        assertArrayEquals(new int[] {0, 0, 0, 1}, p.predict(TRUTH_TABLE));
        // Worked by hand from w = (0, 0), b = 0, eta = 1 (predict 1 when w.x + b >= 0), examples in table order.
        // (w1, w2, b) after each epoch: (1,1,0) (2,1,-1) (2,1,-2) (2,2,-2) (2,1,-3) (2,1,-3), errors 2 3 3 2 1 0.
        assertArrayEquals(new double[] {2, 1}, t.weights());
        assertEquals(-3, t.bias());
        assertEquals(List.of(2, 3, 3, 2, 1, 0), t.errorsPerEpoch());
    }

    @Test
    void learnsOr() {
        var p = new Perceptron(2, 0.5);
        var t = p.train(TRUTH_TABLE, new int[] {0, 1, 1, 1}, 100);
        assertTrue(t.converged(), t.toString());
        assertArrayEquals(new int[] {0, 1, 1, 1}, p.predict(TRUTH_TABLE));
    }

    @Test
    void cannotLearnXor() {
        var p = new Perceptron(2, 1.0);
        var t = p.train(TRUTH_TABLE, new int[] {0, 1, 1, 0}, 100);
        assertFalse(t.converged());
        assertEquals(100, t.epochs());
        assertTrue(t.errorsPerEpoch().stream().allMatch(e -> e >= 1), t.toString());
        // No line separates XOR, so at least one of the four is always wrong.
        int[] predicted = p.predict(TRUTH_TABLE);
        int correct = 0;
        for (int i = 0; i < 4; i++) if (predicted[i] == new int[] {0, 1, 1, 0}[i]) correct++;
        assertTrue(correct <= 3);
    }

    /**
     * Will I pass this class? Lectures attended (of 30) and hours spent on the project (of 20); in this made-up
     * class a student passed when lectures + 2 * hours &gt;= 40 (passes score 42 or more, failures 34 or less).
     * Features are scaled to [0, 1] so the bias, which moves by eta per mistake, keeps pace with the weights:
     * on the raw numbers the same rule needs about a thousand epochs.
     */
    @Test
    void willIPassThisClass() {
        double[][] raw = {
            {28, 12}, {25, 15}, {10, 16}, {20, 18}, {22, 10}, {30, 8}, // passed
            {30, 2}, {5, 3}, {10, 8}, {15, 6}, {3, 15}, {20, 5},       // failed
        };
        int[] passed = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
        var p = new Perceptron(2, 0.1);
        var t = p.train(scaled(raw), passed, 100);
        assertTrue(t.converged(), t.toString());
        assertArrayEquals(passed, p.predict(scaled(raw)));
        // New students: both features matter, neither alone decides.
        assertArrayEquals(new int[] {1, 0, 1, 0}, p.predict(scaled(new double[][] {{26, 16}, {4, 1}, {12, 17}, {29, 3}})));
        assertTrue(t.weights()[0] > 0 && t.weights()[1] > 0, t.toString());
    }

    private static double[][] scaled(double[][] lecturesAndHours) {
        double[][] out = new double[lecturesAndHours.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {lecturesAndHours[i][0] / 30, lecturesAndHours[i][1] / 20};
        }
        return out;
    }

    @Test
    void trainingContinuesFromCurrentWeights() {
        var p = new Perceptron(2, 1.0);
        p.train(TRUTH_TABLE, new int[] {0, 0, 0, 1}, 100);
        var again = p.train(TRUTH_TABLE, new int[] {0, 0, 0, 1}, 100);
        assertEquals(List.of(0), again.errorsPerEpoch());
    }

    @Test
    void badInputIsNamed() {
        var p = new Perceptron(2, 1.0);
        var e1 = assertThrows(IllegalArgumentException.class,
                () -> p.train(new double[][] {{0, 0}, {1}}, new int[] {0, 1}, 10));
        assertTrue(e1.getMessage().contains("example 1 has 1 features"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> p.train(TRUTH_TABLE, new int[] {0, 1, 2, 0}, 10));
        assertTrue(e2.getMessage().contains("target of example 2 must be 0 or 1, got 2"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Perceptron(2, 0));
        assertThrows(IllegalArgumentException.class, () -> p.train(TRUTH_TABLE, new int[] {0, 1}, 10));
    }
}
