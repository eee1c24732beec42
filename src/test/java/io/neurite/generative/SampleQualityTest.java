package io.neurite.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Fréchet distance and the classifier score against their closed forms. */
class SampleQualityTest {
    private static INDArray vector(double... v) { return Nd4j.createFromArray(v); }

    private static INDArray diag(double... v) { return Nd4j.diag(vector(v)); }

    /** 1-D: d^2 = (m1 - m2)^2 + (s1 - s2)^2 with s the standard deviations; here 9 + (2 - 5)^2 = 18. */
    @Test
    void oneDimensionalGaussians() {
        assertEquals(18, SampleQuality.frechetDistance(vector(1), diag(4), vector(4), diag(25)), 1e-9);
    }

    /** Diagonal covariances: the sum over coordinates of the 1-D formula. */
    @Test
    void diagonalGaussians() {
        double byHand = (1 - 0) * (1 - 0) + (2 - 2) * (2 - 2) + (-1 - 3) * (-1 - 3)
                + Math.pow(Math.sqrt(1) - Math.sqrt(9), 2) + Math.pow(Math.sqrt(0.5) - Math.sqrt(2), 2)
                + Math.pow(Math.sqrt(4) - Math.sqrt(4), 2);
        assertEquals(byHand, SampleQuality.frechetDistance(vector(1, 2, -1), diag(1, 0.5, 4), vector(0, 2, 3),
                diag(9, 2, 4)), 1e-9);
    }

    /**
     * Full covariances sharing eigenvectors: S1 = Q D1 Q^T, S2 = Q D2 Q^T with Q a rotation, so (S1 S2)^(1/2) =
     * Q (D1 D2)^(1/2) Q^T and d^2 = ||mu1 - mu2||^2 + sum_i (sqrt(d1_i) - sqrt(d2_i))^2; the same S on both sides
     * leaves only the means' term.
     */
    @Test
    void rotatedGaussiansAndEqualCovariances() {
        double t = 0.7;
        INDArray q = Nd4j.createFromArray(new double[][] {{Math.cos(t), -Math.sin(t)}, {Math.sin(t), Math.cos(t)}});
        INDArray s1 = q.mmul(diag(3, 0.25)).mmul(q.transpose());
        INDArray s2 = q.mmul(diag(1, 4)).mmul(q.transpose());
        double byHand = 1 + 4 + Math.pow(Math.sqrt(3) - 1, 2) + Math.pow(0.5 - 2, 2);
        assertEquals(byHand, SampleQuality.frechetDistance(vector(1, 0), s1, vector(0, 2), s2), 1e-9);
        assertEquals(5, SampleQuality.frechetDistance(vector(1, 0), s1, vector(0, 2), s1), 1e-9);
    }

    @Test
    void squareRootSquaresBack() {
        INDArray s = Nd4j.createFromArray(new double[][] {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 2}});
        INDArray r = SampleQuality.sqrtPsd(s);
        assertEquals(0, r.mmul(r).sub(s).norm2Number().doubleValue(), 1e-9);
        assertEquals(0, r.sub(r.transpose()).norm2Number().doubleValue(), 1e-12);
    }

    /**
     * Confident and evenly spread over K classes: exp(KL) = K; all alike: 1. Two rows (0.9, 0.1) and (0.2, 0.8):
     * p_bar = (0.55, 0.45), score = exp(mean of sum_k p_k log(p_k / p_bar_k)).
     */
    @Test
    void classifierScoreMatchesItsDefinition() {
        assertEquals(4, SampleQuality.classifierScore(Nd4j.eye(4)), 1e-9);
        assertEquals(1, SampleQuality.classifierScore(Nd4j.createFromArray(new double[][] {{0, 1, 0}, {0, 1, 0}})),
                1e-9);
        assertEquals(1, SampleQuality.classifierScore(Nd4j.valueArrayOf(new long[] {5, 10}, 0.1, DataType.DOUBLE)),
                1e-9);
        double kl1 = 0.9 * Math.log(0.9 / 0.55) + 0.1 * Math.log(0.1 / 0.45);
        double kl2 = 0.2 * Math.log(0.2 / 0.55) + 0.8 * Math.log(0.8 / 0.45);
        assertEquals(Math.exp((kl1 + kl2) / 2),
                SampleQuality.classifierScore(Nd4j.createFromArray(new double[][] {{0.9, 0.1}, {0.2, 0.8}})), 1e-9);
    }

    /** The sample covariance of three points by hand: x = (0, 1, 2), y = (0, 2, 1): var 1, 1, cov 0.5. */
    @Test
    void covarianceOfRows() {
        INDArray c = SampleQuality.covariance(Nd4j.createFromArray(new double[][] {{0, 0}, {1, 2}, {2, 1}}));
        assertEquals(Nd4j.createFromArray(new double[][] {{1, 0.5}, {0.5, 1}}), c);
    }
}
