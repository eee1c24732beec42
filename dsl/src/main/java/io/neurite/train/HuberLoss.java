package io.neurite.train;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Huber loss with threshold delta: for r = y_hat - y, 0.5 r^2 when |r| &lt;= delta, else delta (|r| - 0.5 delta);
 * dL/dy_hat = clip(r, -delta, delta). Quadratic near the target, linear (robust to outliers) far from it.
 */
public final class HuberLoss extends SeparateScoreAndGradient {
    private double delta;

    /** For deserialization. */
    public HuberLoss() { this(1.0); }

    public HuberLoss(double delta) {
        if (!(delta > 0)) throw new IllegalArgumentException("Huber delta must be > 0, got " + delta);
        this.delta = delta;
    }

    public double getDelta() { return delta; }

    public void setDelta(double delta) { this.delta = delta; }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray r = activationFn.getActivation(preOutput.dup(), true).subi(labels);
        INDArray abs = Transforms.abs(r, true);
        INDArray quadratic = r.mul(r).muli(0.5);
        INDArray linear = abs.mul(delta).subi(0.5 * delta * delta);
        INDArray inside = abs.lte(delta).castTo(r.dataType());
        INDArray perValue = quadratic.muli(inside).addi(linear.muli(inside.rsub(1.0)));
        if (mask != null) perValue.muli(mask);
        return perValue.sum(true, 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / labels.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray r = activationFn.getActivation(preOutput.dup(), true).subi(labels);
        INDArray dLdOut = Transforms.max(Transforms.min(r, delta, false), -delta, false);
        if (mask != null) dLdOut.muli(mask);
        return activationFn.backprop(preOutput.dup(), dLdOut).getFirst();
    }


    @Override
    public String name() { return "huber"; }

    @Override
    public String toString() { return "HuberLoss(delta=" + delta + ")"; }
}
