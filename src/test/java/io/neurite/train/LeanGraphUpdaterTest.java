package io.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link LeanGraphUpdater} takes DL4J's standard path for the network's own gradient and so the same steps as DL4J's
 * updater, which (M2.1) takes its external path for every gradient: in double precision, with L2 regularization and
 * weight decay (applied by both paths) and the division by the batch size, the parameters after several Adam steps
 * are equal to 1e-12; with gradient clipping, or a gradient from elsewhere, it leaves the step to DL4J's code.
 */
class LeanGraphUpdaterTest {
    private static ComputationGraph net(GradientNormalization clipping) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new LeanAdam()).l2(1e-3).weightDecay(1e-2).gradientNormalization(clipping)
                .gradientNormalizationThreshold(0.5)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(6))
                .addLayer("h", new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "h")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static DataSet batch() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 6).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 3);
        for (int i = 0; i < 8; i++) y.putScalar(i, i % 3, 1.0);
        return new DataSet(x, y);
    }

    private static void assertSameSteps(GradientNormalization clipping) {
        ComputationGraph stock = net(clipping);
        ComputationGraph lean = net(clipping);
        LeanGraphUpdater.install(lean);
        assertInstanceOf(LeanGraphUpdater.class, lean.getUpdater());
        assertFalse(stock.getUpdater() instanceof LeanGraphUpdater);
        INDArray start = stock.params().dup();
        DataSet b = batch();
        for (int step = 0; step < 6; step++) {
            stock.fit(b);
            lean.fit(b);
            assertEquals(stock.score(), lean.score(), 1e-12 * stock.score(), clipping + ", step " + step);
        }
        double moved = stock.params().sub(start).amaxNumber().doubleValue();
        assertTrue(moved > 1e-3, "Adam at 1e-3 for 6 steps moves some weight: " + moved);
        assertTrue(stock.params().sub(lean.params()).amaxNumber().doubleValue() <= 1e-12 * moved,
                clipping + ": largest difference " + stock.params().sub(lean.params()).amaxNumber());
        assertTrue(stock.getUpdater().getStateViewArray().equalsWithEps(lean.getUpdater().getStateViewArray(), 1e-12));
    }

    @Test
    void takesTheStockUpdatersStepsWithRegularizationAndBatchDivision() {
        assertSameSteps(GradientNormalization.None);
    }

    @Test
    void withGradientClippingItTakesDl4jsOwnPathAndTheSameSteps() {
        assertSameSteps(GradientNormalization.ClipElementWiseAbsoluteValue);
    }

    @Test
    void theStandardPathIsTakenForTheNetworksOwnGradientOnly() {
        ComputationGraph net = net(GradientNormalization.None);
        LeanGraphUpdater.install(net);
        net.setInputs(batch().getFeatures());
        net.setLabels(batch().getLabels());
        net.computeGradientAndScore();
        LeanGraphUpdater updater = (LeanGraphUpdater) net.getUpdater();
        assertTrue(updater.takesStandardPath(net.gradient()));
        assertFalse(updater.takesStandardPath(new DefaultGradient(net.gradient().gradient().dup())));
        ComputationGraph clipped = net(GradientNormalization.ClipElementWiseAbsoluteValue);
        LeanGraphUpdater.install(clipped);
        clipped.setInputs(batch().getFeatures());
        clipped.setLabels(batch().getLabels());
        clipped.computeGradientAndScore();
        assertFalse(((LeanGraphUpdater) clipped.getUpdater()).takesStandardPath(clipped.gradient()));
    }

    @Test
    void installingKeepsTheUpdaterState() {
        ComputationGraph net = net(GradientNormalization.None);
        net.fit(batch());
        INDArray state = net.getUpdater().getStateViewArray().dup();
        assertTrue(state.amaxNumber().doubleValue() > 0, "Adam's moments after a step");
        LeanGraphUpdater.install(net);
        assertInstanceOf(LeanGraphUpdater.class, net.getUpdater());
        assertEquals(state, net.getUpdater().getStateViewArray());
    }
}
