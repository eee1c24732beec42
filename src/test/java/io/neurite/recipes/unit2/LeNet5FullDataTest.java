package io.neurite.recipes.unit2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Mnist;
import io.neurite.data.TrainTest;
import io.neurite.testing.FullData;
import io.neurite.train.Fit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The case study's headline on the full data: {@code neurite data fetch mnist}, then {@code mvn test -Pfull-data}.
 * Measured with batch 64: 97.82%, 98.25%, 98.47% after epochs 1-3, so 3 epochs fall just short; 5 are asked for.
 */
@Tag("full-data")
class LeNet5FullDataTest {

    @Test
    void reachesNinetyEightAndAHalfPercentOnFullMnistInFiveEpochs() {
        TrainTest data = FullData.orSkip(Mnist::full);
        var result = LeNet5.train(data.asImages(28, 28, 1), Fit.epochs(5).batchSize(64).quiet());
        double accuracy = result.test().accuracy();
        System.out.println("LeNet-5 on full MNIST, test accuracy per epoch: "
                + java.util.Arrays.toString(result.history().metric("val_accuracy")));
        assertTrue(accuracy >= 0.985, "LeNet-5 accuracy on the 10,000 MNIST test digits after 5 epochs: " + accuracy);
    }
}
