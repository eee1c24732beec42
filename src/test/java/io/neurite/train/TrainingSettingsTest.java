package io.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Optimizer and schedule settings that cannot train are rejected when constructed, naming the factory, the setting,
 * the value and the valid range; the boundary values that can train are accepted.
 */
class TrainingSettingsTest {

    @Test
    void everyOptimizerRejectsANonPositiveOrNonFiniteLearningRate() {
        for (double lr : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -1e-3}) {
            rejected(() -> Optimizer.sgd(lr), "Optimizer.sgd: learning rate " + lr, "finite number above 0");
            rejected(() -> Optimizer.gradientDescent(lr), "Optimizer.gradientDescent: learning rate " + lr, "above 0");
            rejected(() -> Optimizer.momentum(lr, 0.9), "Optimizer.momentum: learning rate " + lr, "above 0");
            rejected(() -> Optimizer.nesterov(lr, 0.9), "Optimizer.nesterov: learning rate " + lr, "above 0");
            rejected(() -> Optimizer.adagrad(lr), "Optimizer.adagrad: learning rate " + lr, "above 0");
            rejected(() -> Optimizer.rmsProp(lr), "Optimizer.rmsProp: learning rate " + lr, "above 0");
            rejected(() -> Optimizer.adam(lr), "Optimizer.adam: learning rate " + lr, "typical: 1e-4 to 1e-1");
        }
        assertEquals(1e4, Optimizer.sgd(1e4).learningRate(0), 0.0, "large but finite rates stay the user's choice");
        assertEquals(Double.MIN_VALUE, Optimizer.adam(Double.MIN_VALUE).learningRate(0), 0.0);
    }

    @Test
    void anEpochTakesAStepPerBatchTheLastOneShort() {
        assertEquals(4, Fit.epochs(1).batchSize(32).stepsPerEpoch(100)); // 32 + 32 + 32 + 4
        assertEquals(3, Fit.epochs(1).batchSize(32).stepsPerEpoch(96));
        assertEquals(1, Fit.epochs(1).fullBatch().stepsPerEpoch(100));
    }

    @Test
    void momentumOutsideZeroToOneIsRejected() {
        for (double beta : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            rejected(() -> Optimizer.momentum(0.1, beta), "Optimizer.momentum: momentum " + beta, "in [0, 1)");
            rejected(() -> Optimizer.nesterov(0.1, beta), "Optimizer.nesterov: momentum " + beta, "typical: 0.9");
        }
        assertEquals("momentum(0.1, 0.0)", Optimizer.momentum(0.1, 0).name(), "0 is plain gradient descent");
        assertEquals("nesterov(0.1, 0.999)", Optimizer.nesterov(0.1, 0.999).name());
    }

    @Test
    void schedulesRejectRatesAndFactorsThatCannotTrain() {
        rejected(() -> Schedule.step(Double.NaN, 0.5, 10), "Schedule.step: learning rate NaN", "above 0");
        rejected(() -> Schedule.exponential(-0.1, 0.9), "Schedule.exponential: learning rate -0.1", "above 0");
        rejected(() -> Schedule.polynomial(0, 2, 10), "Schedule.polynomial: learning rate 0.0", "above 0");
        rejected(() -> Schedule.inverse(Double.POSITIVE_INFINITY, 0.1, 1), "Schedule.inverse: learning rate Infinity",
                "finite");
        for (double factor : new double[] {0, -0.5, 1.5, Double.NaN}) {
            rejected(() -> Schedule.step(0.1, factor, 10), "Schedule.step: factor " + factor, "in (0, 1]");
            rejected(() -> Schedule.exponential(0.1, factor), "Schedule.exponential: gamma " + factor, "in (0, 1]");
        }
        rejected(() -> Schedule.step(0.1, 0.5, 0), "Schedule.step: everyEpochs 0 ", "at least 1 epoch");
        rejected(() -> Schedule.polynomial(0.1, 2, -3), "Schedule.polynomial: maxEpochs -3 ", "at least 1 epoch");
        rejected(() -> Schedule.polynomial(0.1, -1, 10), "Schedule.polynomial: power -1.0", "at least 0");
        rejected(() -> Schedule.inverse(0.1, -0.1, 1), "Schedule.inverse: gamma -0.1", "grow instead of decay");
        rejected(() -> Schedule.inverse(0.1, 0.1, Double.NaN), "Schedule.inverse: power NaN", "finite");
        rejected(() -> Schedule.warmUp(0, 10, 100), "Schedule.warmUp: learning rate 0.0", "above 0");
        rejected(() -> Schedule.warmUp(1e-3, 0, 100), "Schedule.warmUp: warmUpSteps 0 ", "at least 1 step");
        rejected(() -> Schedule.warmUp(1e-3, 10, 10), "Schedule.warmUp: totalSteps 10 ", "more than warmUpSteps (10)");
        assertEquals(0.1, Schedule.step(0.1, 1, 1).at(5), 1e-12, "factor 1 keeps the rate");
        assertEquals(0.1, Schedule.inverse(0.1, 0, 0).at(5), 1e-12, "gamma and power 0 keep the rate");
    }

    private static void rejected(Executable construction, String what, String rule) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction, what);
        assertTrue(e.getMessage().startsWith(what) && e.getMessage().contains("cannot train")
                && e.getMessage().contains(rule), e.getMessage());
    }
}
