package io.neurite.basics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rosenblatt's perceptron: a weighted sum followed by the binary step,
 * {@code predicted = 1 if w . x + b >= 0 else 0}, trained with the classic learning rule
 * <pre>
 *   w &lt;- w + eta (target - predicted) x
 *   b &lt;- b + eta (target - predicted)
 * </pre>
 * applied after each example. Weights and bias start at zero, so training is deterministic.
 * If the classes are linearly separable the rule reaches zero errors in finitely many epochs
 * (the perceptron convergence theorem); otherwise, as for XOR, it never does.
 */
public final class Perceptron {
    private final double learningRate;
    private final double[] weights;
    private double bias;

    /** A perceptron over {@code inputs} features with learning rate {@code eta > 0}. */
    public Perceptron(int inputs, double learningRate) {
        if (inputs < 1) throw new IllegalArgumentException("a perceptron needs at least 1 input, got " + inputs);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate eta must be a positive number, got " + learningRate);
        }
        this.learningRate = learningRate;
        this.weights = new double[inputs];
    }

    /**
     * What training did: the number of misclassified examples in each epoch, whether an epoch ended with none
     * (then training stopped), and the weights and bias it ended with.
     */
    public record Training(List<Integer> errorsPerEpoch, boolean converged, double[] weights, double bias) {
        public Training {
            errorsPerEpoch = List.copyOf(errorsPerEpoch);
            weights = weights.clone();
        }

        /** Epochs run. */
        public int epochs() { return errorsPerEpoch.size(); }

        @Override
        public double[] weights() { return weights.clone(); }

        @Override
        public String toString() {
            return (converged ? "converged after " : "did not converge in ") + epochs() + " epochs; errors per epoch "
                    + errorsPerEpoch + "; w = " + Arrays.toString(weights) + ", b = " + bias;
        }
    }

    /**
     * Runs the learning rule over the examples in order, epoch after epoch, until an epoch makes no error
     * or {@code maxEpochs} have run. Training continues from the current weights.
     *
     * @param x       one row per example, {@code inputs} columns
     * @param targets 0 or 1 per example
     */
    public Training train(double[][] x, int[] targets, int maxEpochs) {
        if (x.length != targets.length) {
            throw new IllegalArgumentException("x has " + x.length + " examples but targets has " + targets.length);
        }
        if (x.length == 0) throw new IllegalArgumentException("no training examples");
        if (maxEpochs < 1) throw new IllegalArgumentException("maxEpochs must be at least 1, got " + maxEpochs);
        for (int i = 0; i < x.length; i++) {
            checkFeatures(x[i], "example " + i);
            if (targets[i] != 0 && targets[i] != 1) {
                throw new IllegalArgumentException("target of example " + i + " must be 0 or 1, got " + targets[i]);
            }
        }
        List<Integer> errors = new ArrayList<>();
        boolean converged = false;
        while (!converged && errors.size() < maxEpochs) {
            int wrong = 0;
            for (int i = 0; i < x.length; i++) {
                int error = targets[i] - output(x[i]);
                if (error != 0) {
                    wrong++;
                    for (int j = 0; j < weights.length; j++) weights[j] += learningRate * error * x[i][j];
                    bias += learningRate * error;
                }
            }
            errors.add(wrong);
            converged = wrong == 0;
        }
        return new Training(errors, converged, weights, bias);
    }

    /** The step of the weighted sum: 1 if w . x + b &gt;= 0, else 0. */
    public int predict(double[] x) {
        checkFeatures(x, "input");
        return output(x);
    }

    /** {@link #predict(double[])} for each row. */
    public int[] predict(double[][] x) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            checkFeatures(x[i], "row " + i);
            out[i] = output(x[i]);
        }
        return out;
    }

    /** The current weights w (a copy). */
    public double[] weights() { return weights.clone(); }

    /** The current bias b. */
    public double bias() { return bias; }

    private int output(double[] x) {
        double z = bias;
        for (int j = 0; j < weights.length; j++) z += weights[j] * x[j];
        return z >= 0 ? 1 : 0;
    }

    private void checkFeatures(double[] x, String where) {
        if (x == null || x.length != weights.length) {
            throw new IllegalArgumentException(where + " has " + (x == null ? "no" : x.length)
                    + " features but the perceptron has " + weights.length + " inputs");
        }
    }
}
