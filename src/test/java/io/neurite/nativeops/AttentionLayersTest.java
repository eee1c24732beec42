package io.neurite.nativeops;

import io.neurite.testing.GradientChecks;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The attention family's SameDiff layers against numerical gradients, with and without padding masks. */
class AttentionLayersTest {
    private static InputType.InputTypeRecurrent sequence(long features, long steps) {
        return (InputType.InputTypeRecurrent) InputType.recurrent(features, steps, RNNFormat.NCW);
    }

    /** Three sequences of {@code steps}: full, one padded step, two padded steps. */
    private static org.nd4j.linalg.api.ndarray.INDArray padded(int steps) {
        var m = Nd4j.ones(3, steps);
        m.putScalar(1, steps - 1, 0);
        m.putScalar(2, steps - 1, 0);
        m.putScalar(2, steps - 2, 0);
        return m;
    }

    @Test
    void selfAttentionGradients() {
        GradientChecks.assertSequenceGradientsCorrect(NativeSelfAttention.of(2, false), sequence(4, 5), null);
        GradientChecks.assertSequenceGradientsCorrect(NativeSelfAttention.of(2, true), sequence(4, 5), padded(5));
    }

    @Test
    void crossAttentionGradients() {
        GradientChecks.assertSequenceGradientsCorrect(new NativeCrossAttention(4, 3, 2), sequence(4, 5), padded(5),
                sequence(3, 4), padded(4));
    }

    @Test
    void layerNormAndPositionalEncodingGradients() {
        GradientChecks.assertSequenceGradientsCorrect(NativeLayerNorm.of(1e-5), sequence(4, 5), padded(5));
        GradientChecks.assertGradientsCorrect(NativeLayerNorm.of(1e-5), InputType.feedForward(5));
        GradientChecks.assertSequenceGradientsCorrect(NativePositionalEncoding.sinusoidal(), sequence(4, 5), null);
    }
}
