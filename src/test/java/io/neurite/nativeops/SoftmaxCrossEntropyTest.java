package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * {@link SoftmaxCrossEntropy} against DL4J's {@code LossMCXENT} with a softmax: the same error (its
 * {@code computeGradient}) and summed loss ({@code computeScore}, not averaged) to 1e-12 in double, including rows whose
 * smallest probabilities fall under the clipping bound, and to float rounding in float; and it declines what it does
 * not compute (weights, masks, another activation, column-major arrays).
 */
class SoftmaxCrossEntropyTest {
    private static INDArray logits(DataType type) {
        Nd4j.getRandom().setSeed(21);
        INDArray z = Nd4j.randn(DataType.DOUBLE, 7, 5).muli(3);
        z.putScalar(2, 1, 40.0);     // row 2: the other classes' probabilities near e^-40, under the 1e-10 clip
        z.putScalar(5, 3, -35.0);
        return z.castTo(type);
    }

    private static INDArray labels(DataType type) {
        INDArray y = Nd4j.zeros(type, 7, 5);
        for (int i = 0; i < 7; i++) y.putScalar(i, (3 * i + 1) % 5, 1.0);
        y.putScalar(4, 0, 0.25);     // a soft label row: 0.25 and 0.75
        y.putScalar(4, 3, 0.0);
        y.putScalar(4, 2, 0.75);
        return y;
    }

    @Test
    void errorAndLossEqualDl4jsInDouble() {
        assertEqualToDl4j(DataType.DOUBLE, 1e-12);
    }

    @Test
    void errorAndLossEqualDl4jsInFloatToRounding() {
        assertEqualToDl4j(DataType.FLOAT, 2e-6);
    }

    private static void assertEqualToDl4j(DataType type, double tolerance) {
        INDArray z = logits(type);
        INDArray y = labels(type);
        LossMCXENT loss = new LossMCXENT();
        ActivationSoftmax softmax = new ActivationSoftmax();
        assertTrue(SoftmaxCrossEntropy.handles(loss, softmax, z, y, null));
        INDArray error = Nd4j.create(type, 7, 5);
        double ours = SoftmaxCrossEntropy.errorAndLoss(z, y, loss.getSoftmaxClipEps(), error);
        double theirs = loss.computeScore(y, z.dup(), softmax, null, false);
        assertEquals(theirs, ours, tolerance * Math.abs(theirs), "loss");
        assertTrue(theirs > 1, "a loss that rows of wrong confident guesses make large: " + theirs);
        INDArray expected = loss.computeGradient(y, z.dup(), softmax, null);
        double worst = expected.sub(error).amaxNumber().doubleValue();
        assertTrue(worst <= tolerance, "largest difference in the error " + worst);
    }

    @Test
    void declinesWhatItDoesNotCompute() {
        INDArray z = logits(DataType.DOUBLE);
        INDArray y = labels(DataType.DOUBLE);
        ActivationSoftmax softmax = new ActivationSoftmax();
        assertFalse(SoftmaxCrossEntropy.handles(new LossMCXENT(Nd4j.ones(DataType.DOUBLE, 5)), softmax, z, y, null));
        assertFalse(SoftmaxCrossEntropy.handles(new LossMCXENT(), new ActivationSigmoid(), z, y, null));
        assertFalse(SoftmaxCrossEntropy.handles(new LossMCXENT(), softmax, z, y, Nd4j.ones(DataType.DOUBLE, 7, 1)));
        assertFalse(SoftmaxCrossEntropy.handles(new LossMCXENT(), softmax, z.dup('f'), y, null));
        assertFalse(SoftmaxCrossEntropy.handles(new LossMCXENT(), softmax, z, y.castTo(DataType.FLOAT), null));
    }
}
