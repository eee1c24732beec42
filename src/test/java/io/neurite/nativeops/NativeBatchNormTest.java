package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.testing.GradientChecks;
import java.util.Set;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class NativeBatchNormTest {
    /** DL4J keeps the running statistics among the parameters; they follow the batches, not the gradient. */
    private static final Set<String> RUNNING_STATISTICS = Set.of("mean", "var", "log10stdev");

    @Test
    void gradientsMatchCentralDifferencesOnVectorsAndImages() {
        GradientChecks.assertGradientsCorrect(NativeBatchNorm.of(0.9, 1e-5), InputType.feedForward(5), RUNNING_STATISTICS);
        GradientChecks.assertGradientsCorrect(NativeBatchNorm.of(0.9, 1e-5), InputType.convolutional(4, 4, 3), RUNNING_STATISTICS);
    }

    /**
     * The same network with DL4J's batch-norm layer and with this one, same weights, float: outputs in training and
     * inference mode, every gradient, and the parameters after three SGD steps (running mean and variance included)
     * agree to float precision.
     */
    @Test
    void computesWhatDl4jsBatchNormalizationComputes() {
        ComputationGraph stock = network(new BatchNormalization.Builder().decay(0.9).eps(1e-5).build());
        ComputationGraph fast = network(NativeBatchNorm.of(0.9, 1e-5));
        fast.setParams(stock.params().dup());
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 3, 6, 6).muli(4).subi(1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 4);
        for (int i = 0; i < 16; i++) y.putScalar(i, i % 4, 1);

        assertClose(stock.feedForward(new INDArray[] {x}, true).get("bn"), fast.feedForward(new INDArray[] {x}, true).get("bn"), "training output");
        stock.setInputs(x);
        stock.setLabels(y);
        stock.computeGradientAndScore();
        fast.setInputs(x);
        fast.setLabels(y);
        fast.computeGradientAndScore();
        assertEquals(stock.score(), fast.score(), 1e-5, "loss");
        assertClose(stock.gradient().gradient(), fast.gradient().gradient(), "gradient");
        for (String p : new String[] {"conv_W", "bn_gamma", "bn_beta"}) {    // conv_b's is 0 up to rounding after BN
            assertClose(stock.gradient().getGradientFor(p), fast.gradient().getGradientFor(p), "gradient " + p);
        }
        for (int step = 0; step < 3; step++) {
            stock.fit(new DataSet(x, y));
            fast.fit(new DataSet(x, y));
        }
        assertClose(stock.getLayer("bn").getParam("mean"), fast.getLayer("bn").getParam("mean"), "running mean");
        assertTrue(stock.getLayer("bn").getParam("mean").norm2Number().doubleValue() > 0.1, "the running mean moved");
        assertClose(stock.params(), fast.params(), "parameters after 3 steps");
        assertClose(stock.outputSingle(x), fast.outputSingle(x), "inference output");
    }

    /**
     * On float and double arrays the layer runs {@link ChannelAffine}'s loops (statistics, y = x s + t, the backward
     * sums and dL/dx) instead of libnd4j's ops: in double precision, on images and on vectors, the training-mode
     * output, the loss, every gradient, the parameters after three SGD steps (running statistics included) and the
     * inference output equal DL4J's layer's to 1e-12 of their size.
     */
    @Test
    void trainingAndInferenceEqualDl4jsInDoublePrecision() {
        for (boolean images : new boolean[] {true, false}) {
            String what = images ? "images" : "vectors";
            ComputationGraph stock = network(new BatchNormalization.Builder().decay(0.5).eps(1e-5).build(), DataType.DOUBLE, images);
            ComputationGraph fast = network(NativeBatchNorm.of(0.5, 1e-5), DataType.DOUBLE, images);
            fast.setParams(stock.params().dup());
            Nd4j.getRandom().setSeed(5);
            INDArray x = Nd4j.rand(DataType.DOUBLE, images ? new long[] {8, 3, 6, 6} : new long[] {8, 3}).muli(3).subi(1);
            INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 4);
            for (int i = 0; i < 8; i++) y.putScalar(i, i % 4, 1);
            assertEqualTo1e12(stock.feedForward(new INDArray[] {x}, true).get("bn"), fast.feedForward(new INDArray[] {x}, true).get("bn"), what + " training output");
            stock.setInputs(x);
            stock.setLabels(y);
            stock.computeGradientAndScore();
            fast.setInputs(x);
            fast.setLabels(y);
            fast.computeGradientAndScore();
            assertEquals(stock.score(), fast.score(), 1e-12 * stock.score(), what + " loss");
            assertEqualTo1e12(stock.gradient().gradient(), fast.gradient().gradient(), what + " gradient");
            for (int step = 0; step < 3; step++) {
                stock.fit(new DataSet(x, y));
                fast.fit(new DataSet(x, y));
            }
            assertTrue(stock.getLayer("bn").getParam("mean").amaxNumber().doubleValue() > 0.1, "running mean moved");
            assertEqualTo1e12(stock.params(), fast.params(), what + " parameters after 3 steps");
            assertEqualTo1e12(stock.feedForward(new INDArray[] {x}, false).get("bn"), fast.feedForward(new INDArray[] {x}, false).get("bn"), what + " inference output");
        }
    }

    private static void assertEqualTo1e12(INDArray expected, INDArray actual, String what) {
        double size = expected.amaxNumber().doubleValue();
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(size > 0 && diff <= 1e-12 * size, what + ": differs by " + diff + " of " + size);
    }

    private static ComputationGraph network(BatchNormalization bn) { return network(bn, DataType.FLOAT, true); }

    private static ComputationGraph network(BatchNormalization bn, DataType type, boolean images) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(7).dataType(type)
                .updater(new Sgd(0.1)).graphBuilder().addInputs("in")
                .addLayer("conv", images ? new ConvolutionLayer.Builder(3, 3).nOut(5).activation(Activation.IDENTITY).build()
                        : new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", bn, "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "bn")
                .setOutputs("out").setInputTypes(images ? InputType.convolutional(6, 6, 3) : InputType.feedForward(3)).build());
        net.init();
        return net;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = expected.norm2Number().doubleValue();
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
        assertTrue(diff / scale < 1e-4, what + ": relative difference " + diff / scale);
    }
}
