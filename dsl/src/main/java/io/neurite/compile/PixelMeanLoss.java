package io.neurite.compile;

import io.neurite.train.SeparateScoreAndGradient;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The loss of an image-shaped output, scaled so that training minimises its mean over pixels, as Keras and PyTorch do
 * for a reconstruction: DL4J's per-pixel loss layer applies {@code loss} to each pixel's channels, sums over the h x w
 * pixels and divides by the batch size, so this divides by h x w.
 */
public final class PixelMeanLoss extends SeparateScoreAndGradient {
    @JsonProperty("loss") private ILossFunction loss;
    @JsonProperty("pixels") private long pixels;

    /** For deserialization. */
    public PixelMeanLoss() { }

    PixelMeanLoss(ILossFunction loss, long pixels) {
        this.loss = loss;
        this.pixels = pixels;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        return loss.computeScore(labels, preOutput, activationFn, mask, average) / pixels;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeScoreArray(labels, preOutput, activationFn, mask).divi(pixels);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeGradient(labels, preOutput, activationFn, mask).divi(pixels);
    }

    @Override
    public String name() { return "mean over pixels of " + loss.name(); }

    @Override
    public String toString() { return "PixelMeanLoss(" + loss + ", " + pixels + " pixels)"; }
}
