package io.neurite.recipes.unit2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Mnist;
import io.neurite.train.Fit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** LeNet-5 learns the embedded MNIST mini: a model with broken wiring, loss or updates stays far below the bound. */
@Tag("slow")
class LeNet5Test {

    /** Measured: 92.8% of the 500 mini test digits after 3 epochs of batch 16 (92.0% after 2); chance is 10%. */
    @Test
    void reachesNinetyPercentOnTheMiniTestSetInThreeEpochs() {
        var data = Mnist.mini().asImages(28, 28, 1);
        double accuracy = LeNet5.train(data, Fit.epochs(3).batchSize(16).quiet()).test().accuracy();
        assertTrue(accuracy >= 0.90, "LeNet-5 test accuracy on the MNIST mini after 3 epochs: " + accuracy);
    }
}
