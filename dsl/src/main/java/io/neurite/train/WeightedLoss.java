package io.neurite.train;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A loss scaled by a constant: w * L and w * dL/dy_hat, so that a model with several outputs minimises
 * sum_k w_k L_k (Keras' {@code loss_weights}).
 */
public final class WeightedLoss extends SeparateScoreAndGradient {
    private ILossFunction loss;
    private double weight;

    /** For deserialization. */
    public WeightedLoss() { }

    public WeightedLoss(ILossFunction loss, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("a loss weight must be finite and >= 0, got " + weight);
        }
        this.loss = loss;
        this.weight = weight;
    }

    public ILossFunction getLoss() { return loss; }

    public void setLoss(ILossFunction loss) { this.loss = loss; }

    public double getWeight() { return weight; }

    public void setWeight(double weight) { this.weight = weight; }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return weight * loss.computeScore(labels, preOutput, activationFn, mask, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeScoreArray(labels, preOutput, activationFn, mask).muli(weight);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeGradient(labels, preOutput, activationFn, mask).muli(weight);
    }


    @Override
    public String name() { return weight + " * " + loss.name(); }

    @Override
    public String toString() { return "WeightedLoss(" + weight + " * " + loss + ")"; }
}
