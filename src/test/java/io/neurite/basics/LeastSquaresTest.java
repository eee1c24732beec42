package io.neurite.basics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    @Test
    void recoversAnExactLine() {
        double[] x = {-2, -1, 0, 1, 2, 3};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = 3 * x[i] - 2;
        var fit = LeastSquares.fit(x, y);
        assertEquals(3, fit.weights()[0], 1e-9);
        assertEquals(-2, fit.intercept(), 1e-9);
        assertEquals(13, fit.predict(5), 1e-9);
    }

    /** Points off the line: for (0,1), (1,3), (2,4), (3,4) the normal equations give w = 1, b = 1.5 (by hand). */
    @Test
    void handWorkedNoisyLine() {
        // sum x = 6, sum x^2 = 14, sum y = 12, sum xy = 23, n = 4:
        // [14 6; 6 4] [w; b] = [23; 12]  ->  w = (4*23 - 6*12) / (4*14 - 36) = 20/20 = 1,  b = (12 - 6) / 4 = 1.5
        var fit = LeastSquares.fit(new double[] {0, 1, 2, 3}, new double[] {1, 3, 4, 4});
        assertEquals(1.0, fit.weights()[0], 1e-9);
        assertEquals(1.5, fit.intercept(), 1e-9);
        // residuals -0.5, 0.5, 0.5, -0.5
        assertEquals(0.25, fit.meanSquaredError(new double[][] {{0}, {1}, {2}, {3}}, new double[] {1, 3, 4, 4}), 1e-9);
    }

    @Test
    void recoversAPlaneFromNoisyData() {
        var rnd = new Random(7);
        int n = 400;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rnd.nextDouble() * 10;
            x[i][1] = rnd.nextDouble() * 10 - 5;
            y[i] = 0.5 * x[i][0] - 2 * x[i][1] + 4 + 0.1 * rnd.nextGaussian();
        }
        var fit = LeastSquares.fit(x, y);
        assertArrayEquals(new double[] {0.5, -2}, fit.weights(), 0.01);
        assertEquals(4, fit.intercept(), 0.05);
        assertEquals(0.01, fit.meanSquaredError(x, y), 0.003); // the noise variance
    }

    @Test
    void singularDesignIsRefused() {
        // second feature = 2 * first: X^T X is singular
        double[][] x = {{1, 2}, {2, 4}, {3, 6}, {4, 8}};
        var e = assertThrows(IllegalArgumentException.class, () -> LeastSquares.fit(x, new double[] {1, 2, 3, 4}));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        var few = assertThrows(IllegalArgumentException.class,
                () -> LeastSquares.fit(new double[][] {{1, 2}, {3, 4}}, new double[] {1, 2}));
        assertTrue(few.getMessage().contains("2 examples cannot determine 3 parameters"), few.getMessage());
    }
}
