package io.neurite.nativeops;

import io.neurite.testing.GradientChecks;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** BERT's SameDiff layers against numerical gradients: the learned position table and the first step. */
class BertLayersTest {
    private static InputType.InputTypeRecurrent sequence(long features, long steps) {
        return (InputType.InputTypeRecurrent) InputType.recurrent(features, steps, RNNFormat.NCW);
    }

    @Test
    void positionEmbeddingGradients() {
        var padded = Nd4j.ones(3, 5);
        padded.putScalar(1, 4, 0);
        padded.putScalar(2, 3, 0);
        padded.putScalar(2, 4, 0);
        // 7 positions learned, 5 read: the table's rows 5 and 6 get no gradient, which the check also verifies
        GradientChecks.assertSequenceGradientsCorrect(NativePositionEmbedding.of(7, 1.0), sequence(4, 5), padded);
        GradientChecks.assertSequenceGradientsCorrect(NativePositionEmbedding.of(5, 1.0), sequence(4, 5), null);
    }

    @Test
    void firstStepGradients() {
        var padded = Nd4j.ones(3, 5);
        padded.putScalar(2, 4, 0);
        GradientChecks.assertSequenceGradientsCorrect(NativeFirstStep.of(), sequence(4, 5), padded);
    }
}
