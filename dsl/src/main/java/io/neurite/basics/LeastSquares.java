package io.neurite.basics;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

/**
 * Least-squares linear regression in closed form. With a column of ones appended to X for the intercept,
 * the weights minimizing the squared error ||X w - y||^2 solve the normal equations X^T X w = X^T y, so
 * <pre>  w = (X^T X)^-1 X^T y  </pre>
 * This needs X^T X invertible: at least as many examples as weights, and no feature a linear combination of others.
 */
public final class LeastSquares {
    private LeastSquares() {}

    /** A fitted linear model y = w . x + b. */
    public record Fit(double[] weights, double intercept) {
        public Fit {
            weights = weights.clone();
        }

        @Override
        public double[] weights() { return weights.clone(); }

        /** w . x + b. */
        public double predict(double... x) {
            if (x.length != weights.length) {
                throw new IllegalArgumentException("expected " + weights.length + " features, got " + x.length);
            }
            double y = intercept;
            for (int j = 0; j < x.length; j++) y += weights[j] * x[j];
            return y;
        }

        /** The mean of (w . x_i + b - y_i)^2 over the examples. */
        public double meanSquaredError(double[][] x, double[] y) {
            checkExamples(x, y);
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double r = predict(x[i]) - y[i];
                sum += r * r;
            }
            return sum / x.length;
        }

        @Override
        public String toString() { return "w = " + Arrays.toString(weights) + ", b = " + intercept; }
    }

    /** Fits y = w . x + b to the rows of {@code x} by the normal equations. */
    public static Fit fit(double[][] x, double[] y) {
        checkExamples(x, y);
        int n = x.length, d = x[0].length;
        if (n < d + 1) {
            throw new IllegalArgumentException(n + " examples cannot determine " + (d + 1)
                    + " parameters (" + d + " weights and an intercept); X^T X would be singular");
        }
        double[][] withOnes = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, withOnes[i], 0, d);
            withOnes[i][d] = 1.0;
        }
        INDArray design = Nd4j.createFromArray(withOnes);
        INDArray xtx = design.transpose().mmul(design);
        INDArray inverse;
        try {
            inverse = InvertMatrix.invert(xtx, false);
        } catch (RuntimeException e) { // ND4J's matrix_inverse op fails outright on an exactly singular matrix
            throw singular(e);
        }
        double offIdentity = inverse.mmul(xtx).sub(Nd4j.eye(d + 1).castTo(xtx.dataType())).amaxNumber().doubleValue();
        if (!(offIdentity < 1e-6)) throw singular(null);
        INDArray w = inverse.mmul(design.transpose()).mmul(Nd4j.createFromArray(y).reshape(n, 1));
        double[] all = w.toDoubleVector();
        return new Fit(Arrays.copyOf(all, d), all[d]);
    }

    /** Fits the line y = w x + b to points (x_i, y_i). */
    public static Fit fit(double[] x, double[] y) {
        double[][] column = new double[x.length][];
        for (int i = 0; i < x.length; i++) column[i] = new double[] {x[i]};
        return fit(column, y);
    }

    private static IllegalArgumentException singular(Throwable cause) {
        return new IllegalArgumentException("X^T X is singular: some feature is constant or a linear"
                + " combination of the others, so least squares has no unique solution", cause);
    }

    private static void checkExamples(double[][] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " examples but y has " + y.length);
        }
        if (x.length == 0 || x[0].length == 0) throw new IllegalArgumentException("no examples or no features");
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != x[0].length) {
                throw new IllegalArgumentException("example " + i + " has " + x[i].length + " features but example 0 has "
                        + x[0].length);
            }
        }
    }
}
