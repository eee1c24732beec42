package io.neurite.compile;

import io.neurite.train.SeparateScoreAndGradient;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * The loss of a per-step output, scaled so that training minimises its mean over the real steps of a batch,
 * sum(m * l) / sum(m), as Keras and PyTorch do. DL4J sums a per-step output's loss over the unmasked steps and divides
 * by the batch size n (and its output layer multiplies predictions by the mask, so the mask must stay 0/1); the
 * factor n / sum(m) is set for each batch by {@link Sequences#weighSteps} before DL4J computes loss and gradients.
 */
public final class StepMeanLoss extends SeparateScoreAndGradient {
    private ILossFunction loss;
    @JsonIgnore private transient double scale = 1;

    /** For deserialization. */
    public StepMeanLoss() { }

    StepMeanLoss(ILossFunction loss) { this.loss = loss; }

    public ILossFunction getLoss() { return loss; }

    public void setLoss(ILossFunction loss) { this.loss = loss; }

    void scale(double factor) { this.scale = factor; }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        return scale * loss.computeScore(labels, preOutput, activationFn, mask, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeScoreArray(labels, preOutput, activationFn, mask);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeGradient(labels, preOutput, activationFn, mask).muli(scale);
    }


    @Override
    public String name() { return "mean over steps of " + loss.name(); }

    @Override
    public String toString() { return "StepMeanLoss(" + loss + ")"; }
}
