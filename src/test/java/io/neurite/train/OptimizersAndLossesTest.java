package io.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.model.Model;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/** Optimizer updates, schedules and the custom Huber loss against hand calculations and numerical gradients. */
class OptimizersAndLossesTest {

    /** v1 = lr g = (0.1, 0.2); v2 = 0.9 v1 + lr g = (0.19, 0.38). */
    @Test
    void heavyBallMomentumAccumulatesVelocity() {
        HeavyBallMomentum config = new HeavyBallMomentum(0.1, 0.9);
        GradientUpdater<?> u = config.instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 2), true);
        INDArray g1 = Nd4j.createFromArray(new double[][] {{1, 2}});
        u.applyUpdater(g1, 0, 0);
        assertArrayEquals(new double[] {0.1, 0.2}, g1.toDoubleVector(), 1e-12);
        INDArray g2 = Nd4j.createFromArray(new double[][] {{1, 2}});
        u.applyUpdater(g2, 1, 0);
        assertArrayEquals(new double[] {0.19, 0.38}, g2.toDoubleVector(), 1e-12);
    }

    @Test
    void schedulesFollowTheirFormulas() {
        Schedule step = Schedule.step(0.1, 0.5, 10);
        assertEquals(0.1, step.at(9), 1e-12);
        assertEquals(0.05, step.at(10), 1e-12);
        assertEquals(0.025, step.at(25), 1e-12);
        assertEquals(0.1 * Math.pow(0.9, 3), Schedule.exponential(0.1, 0.9).at(3), 1e-12);
        assertEquals(0.1 * Math.pow(1 - 5 / 10.0, 2), Schedule.polynomial(0.1, 2, 10).at(5), 1e-12);
        assertEquals(0, Schedule.polynomial(0.1, 2, 10).at(12));
        Optimizer scheduled = Optimizer.sgd(1).withSchedule(step);
        assertEquals(0.05, scheduled.learningRate(10), 1e-12);
        // by step: up 0.01 / 4 a step to 0.01 at step 4, down 0.01 / 6 a step to 0 at step 10, whatever the epoch
        Schedule warmUp = Schedule.warmUp(0.01, 4, 10);
        assertEquals(0.0025, warmUp.at(1, 0), 1e-12);
        assertEquals(0.01, warmUp.at(4, 0), 1e-12);
        assertEquals(0.005, warmUp.at(7, 3), 1e-12);
        assertEquals(0, warmUp.at(10, 0), 1e-12);
        assertEquals(0, warmUp.at(12, 1), 1e-12);
        assertEquals(0.005, Optimizer.adam(1).withSchedule(warmUp).toDl4j().getLearningRate(6, 0), 1e-12,
                "Adam reads the rate of step iteration + 1");
    }

    /** delta = 1: r = 0.5 gives 0.5 * 0.25 = 0.125; r = -3 gives 1 * (3 - 0.5) = 2.5; per example summed. */
    @Test
    void huberLossMatchesHandValues() {
        HuberLoss huber = new HuberLoss(1.0);
        INDArray labels = Nd4j.createFromArray(new double[][] {{0, 0}, {3, 0}});
        INDArray out = Nd4j.createFromArray(new double[][] {{0.5, 0}, {0, 0}});
        INDArray perExample = huber.computeScoreArray(labels, out, new ActivationIdentity(), null);
        assertArrayEquals(new double[] {0.125, 2.5}, perExample.toDoubleVector(), 1e-12);
        INDArray grad = huber.computeGradient(labels, out, new ActivationIdentity(), null);
        assertArrayEquals(new double[] {0.5, 0, -1, 0}, grad.reshape(4).toDoubleVector(), 1e-12);
    }

    @Test
    void huberLossPassesNumericalGradientCheck() {
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            checkHuberGradients();
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }

    private static void checkHuberGradients() {
        Nd4j.getRandom().setSeed(3);
        Model m = Model.sequential("huber").seed(3).dataType(DataType.DOUBLE)
                .input(Shape.vector(3)).dense(4).tanh().dense(2).build()
                .compile(Loss.huber(0.5), Optimizer.sgd(1.0));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 3);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 6, 2).muli(3);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(m.network())
                .inputs(new INDArray[] {x}).labels(new INDArray[] {y})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)));
    }
}
