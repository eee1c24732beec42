package io.neurite.recipes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Init;
import io.neurite.data.Dataset;
import io.neurite.data.Digits;
import io.neurite.data.TrainTest;
import io.neurite.recipes.unit1.DigitsMlp;
import io.neurite.recipes.unit1.Initialization;
import io.neurite.recipes.unit1.Optimizers.Contender;
import io.neurite.recipes.unit1.Optimizers;
import io.neurite.recipes.unit1.Regularization;
import io.neurite.train.Fit;
import io.neurite.train.Optimizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The numbers the Unit 1 recipes are about, with bounds a broken model or optimizer would miss. */
@Tag("slow")
class UnitOneLessonsTest {

    @Test
    void digitsCaseStudyReaches95PercentTestAccuracy() {
        var result = DigitsMlp.train(Digits.trainTest(42), Fit.epochs(15).batchSize(32).quiet());
        double accuracy = result.test().accuracy();
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    }

    @Test
    void momentumAndAdamBeatPlainGradientDescentInTheSameEpochs() {
        Dataset train = Digits.trainTest(42).train().take(Optimizers.EXAMPLES);
        Map<String, Optimizers.Curve> c = Optimizers.compare(train, List.of(
                new Contender("gd", Optimizer.gradientDescent(0.05), 0),
                new Contender("sgd", Optimizer.sgd(0.05), 32),
                new Contender("momentum", Optimizer.momentum(0.05, 0.9), 32),
                new Contender("adam", Optimizer.adam(0.01), 32)), 5);
        double start = c.get("gd").loss()[0];
        String all = c.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().last()).toList().toString();
        assertTrue(c.get("gd").last() < start, "GD still lowers the loss: " + all);
        assertTrue(c.get("momentum").last() < 0.5 * c.get("gd").last(), all);
        assertTrue(c.get("adam").last() < 0.5 * c.get("gd").last(), all);
        // same learning rate and batches: momentum's velocity must make a clear difference
        assertTrue(c.get("momentum").last() < 0.7 * c.get("sgd").last(), all);
    }

    @Test
    void deepSigmoidGradientsVanishButNotWithReluAndHe() {
        Dataset batch = Digits.trainTest(42).train().take(128);
        var setups = Initialization.setups();
        double[] sigmoid = Initialization.gradientNorms(setups.get(0), 10, batch);
        double[] relu = Initialization.gradientNorms(setups.get(2), 10, batch);
        assertTrue(sigmoid.length == 10 && relu.length == 10);
        double sigmoidRatio = sigmoid[0] / sigmoid[9];
        double reluRatio = relu[0] / relu[9];
        // sigmoid' <= 1/4 per layer: about 9 layers of shrinking gradient
        assertTrue(sigmoidRatio < 1e-3, "sigmoid first/last " + sigmoidRatio);
        assertTrue(reluRatio > 0.1, "ReLU + He first/last " + reluRatio);
    }

    @Test
    void zeroInitializationLeavesAllHiddenUnitsEqual() {
        Dataset train = Digits.trainTest(42).train().take(300);
        INDArray zeros = Initialization.firstLayerWeightsAfterTraining(Init.zeros(), train, 2);
        INDArray xavier = Initialization.firstLayerWeightsAfterTraining(Init.xavier(), train, 2);
        assertTrue(Initialization.unitSpread(zeros) < 1e-6, "zeros: units differ by " + Initialization.unitSpread(zeros));
        assertTrue(Initialization.unitSpread(xavier) > 0.1, "xavier: units differ by " + Initialization.unitSpread(xavier));
    }

    @Test
    void dropoutAndL2ShrinkTheGeneralizationGapOfAnOverfittingMlp() {
        TrainTest data = Regularization.data();
        Fit fit = Fit.epochs(Regularization.EPOCHS).quiet();
        var none = Regularization.train(Regularization.NONE, data, fit);
        var dropout = Regularization.train(Regularization.DROPOUT, data, fit);
        var l2 = Regularization.train(Regularization.L2, data, fit);
        String all = String.format("gap (val - train loss) none %.3f dropout %.3f L2 %.3f; val loss none %.3f dropout %.3f;"
                + " acc none %.3f/%.3f", none.gap(), dropout.gap(), l2.gap(), none.valLoss(), dropout.valLoss(),
                none.trainAccuracy(), none.valAccuracy());
        // memorized: every training image right, validation at least 10 points lower and its loss far above training's
        assertTrue(none.trainAccuracy() >= 0.99 && none.valAccuracy() <= none.trainAccuracy() - 0.1, all);
        assertTrue(none.gap() > 0.4, all);
        // an ignored dropout rate or penalty leaves the gap where it was (measured: 0.67 none, 0.24 dropout, 0.53 L2)
        assertTrue(dropout.gap() < 0.6 * none.gap(), all);
        assertTrue(l2.gap() < 0.88 * none.gap(), all);
        assertTrue(dropout.valLoss() < none.valLoss() - 0.05, all);
    }
}
