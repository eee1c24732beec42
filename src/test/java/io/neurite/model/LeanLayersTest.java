package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.nativeops.BuiltinPooling;
import io.neurite.nativeops.LeanDense;
import io.neurite.nativeops.LeanOutput;
import io.neurite.train.LeanAdam;
import io.neurite.train.LeanGraphUpdater;
import io.neurite.nativeops.NativeConv2D;
import io.neurite.spec.Convolutions;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The native engine's pooling ({@link BuiltinPooling}), hidden dense layers ({@link LeanDense}), dense outputs
 * ({@link LeanOutput}), convolutions ({@link NativeConv2D}) and Adam ({@link LeanAdam}) compute what DL4J's stock
 * layers and Adam compute: from the same weights, in double precision, the same outputs, the same gradients of every
 * parameter, the same SGD trajectory, and through {@link Pass} the same error at the input, which a first dense or
 * convolution layer skips only inside DL4J's own fit.
 */
class LeanLayersTest {
    private static Model mlp(Convolutions engine) { return mlp(engine, Optimizer.sgd(0.1)); }

    private static Model mlp(Convolutions engine, Optimizer optimizer) {
        return Model.sequential("mlp").convolutions(engine).dataType(DataType.DOUBLE).seed(3)
                .input(Shape.vector(12)).dense(16).relu().dropout(0.0).dense(8).tanh().dense(3).softmax().build()
                .compile(Loss.crossEntropy(), optimizer);
    }

    private static Model pooled(Convolutions engine) {
        return Model.sequential("pooled").convolutions(engine).dataType(DataType.DOUBLE).seed(3)
                .input(Shape.image(9, 9, 2)).conv(4, 3).relu().maxPool(2).conv(3, 2).same().sigmoid()
                .avgPool(3, 2).same().flatten().dense(5).relu().dense(3).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
    }

    private static DataSet batch(long[] featureShape, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, featureShape).subi(0.5);
        int[] classes = new Random(seed).ints((int) featureShape[0], 0, 3).toArray();
        return new DataSet(x, Dataset.oneHot(classes, 3).castTo(DataType.DOUBLE));
    }

    private static INDArray gradient(ComputationGraph net, DataSet b, String key) {
        net.setInputs(b.getFeatures());
        net.setLabels(b.getLabels());
        net.computeGradientAndScore();
        return net.gradient().getGradientFor(key).dup();
    }

    @Test
    void nativeEngineCompilesLeanDenseAndBuiltinPoolingAndTheStockEngineDoesNot() {
        Model lean = pooled(Convolutions.NATIVE);
        assertTrue(lean.network().getLayer("maxpool2d_1").conf().getLayer() instanceof BuiltinPooling);
        assertTrue(lean.network().getLayer("dense_1").conf().getLayer() instanceof LeanDense);
        Model stock = pooled(Convolutions.DL4J);
        assertSame(SubsamplingLayer.class, stock.network().getLayer("maxpool2d_1").conf().getLayer().getClass());
        assertSame(DenseLayer.class, stock.network().getLayer("dense_1").conf().getLayer().getClass());
        assertSame(OutputLayer.class, stock.network().getLayer("dense_2").conf().getLayer().getClass());
        assertTrue(lean.network().getLayer("dense_2").conf().getLayer() instanceof LeanOutput);
        assertTrue(((NativeConv2D) lean.network().getLayer("conv2d_1").conf().getLayer()).readsNetworkInput());
        assertFalse(((NativeConv2D) lean.network().getLayer("conv2d_2").conf().getLayer()).readsNetworkInput());
        Model m = mlp(Convolutions.NATIVE);
        assertTrue(((LeanDense) m.network().getLayer("dense_1").conf().getLayer()).readsNetworkInput());
        assertFalse(((LeanDense) m.network().getLayer("dense_2").conf().getLayer()).readsNetworkInput());
    }

    @Test
    void sameWeightsGiveSameOutputsGradientsAndSgdTrajectory() {
        for (boolean conv : new boolean[] {false, true}) {
            Model stock = conv ? pooled(Convolutions.DL4J) : mlp(Convolutions.DL4J);
            Model lean = conv ? pooled(Convolutions.NATIVE) : mlp(Convolutions.NATIVE);
            ConvolutionsTest.copyParams(stock, lean);
            DataSet b = batch(conv ? new long[] {10, 2, 9, 9} : new long[] {10, 12}, 5);
            String what = conv ? "pooled" : "mlp";
            assertTrue(stock.predict(b.getFeatures()).equalsWithEps(lean.predict(b.getFeatures()), 1e-10), what);
            for (String key : new String[] {"dense_1_W", "dense_1_b", "dense_2_W", "dense_2_b", "dense_3_W", "dense_3_b"}) {
                if (conv && key.startsWith("dense_3")) continue;
                INDArray s = gradient(stock.network(), b, key);
                INDArray l = gradient(lean.network(), b, key);
                assertTrue(s.equalsWithEps(l, 1e-10), what + " gradient " + key + ":\n" + s + "\n" + l);
                assertTrue(s.norm2Number().doubleValue() > 0, what + " " + key);
            }
            double first = Double.NaN;
            for (int step = 0; step < 8; step++) {
                stock.network().fit(b);
                lean.network().fit(b);
                assertEquals(stock.network().score(), lean.network().score(), 1e-9, what + " loss after step " + step);
                if (step == 0) first = stock.network().score();
            }
            assertTrue(stock.network().score() < first - 0.01, what + ": SGD should lower the loss");
            assertTrue(stock.weights("dense_1").equalsWithEps(lean.weights("dense_1"), 1e-9), what);
        }
    }

    /**
     * Adam on the native engine is {@link LeanAdam}, on the stock engine DL4J's; in double precision the two take the
     * same steps (parameters equal to 1e-12 of their size after 12 steps, which moved them), with the score of every
     * step equal too: {@link LeanOutput} takes it from the z of the backward pass, DL4J computes z again.
     */
    @Test
    void leanAdamAndLeanOutputTakeTheStockStepsAndScores() {
        Model stock = mlp(Convolutions.DL4J, Optimizer.adam(0.01));
        Model lean = mlp(Convolutions.NATIVE, Optimizer.adam(0.01));
        assertSame(Adam.class, ((BaseLayer) stock.network().getLayer("dense_1").conf().getLayer()).getIUpdater().getClass());
        assertSame(LeanAdam.class, ((BaseLayer) lean.network().getLayer("dense_1").conf().getLayer()).getIUpdater().getClass());
        ConvolutionsTest.copyParams(stock, lean);
        INDArray start = stock.network().params().dup();
        DataSet b = batch(new long[] {10, 12}, 4);
        for (int step = 0; step < 12; step++) {
            stock.network().fit(b);
            lean.network().fit(b);
            assertEquals(stock.network().score(), lean.network().score(), 1e-12 * stock.network().score(), "step " + step);
        }
        INDArray s = stock.network().params();
        INDArray l = lean.network().params();
        double size = s.amaxNumber().doubleValue();
        assertTrue(s.sub(l).amaxNumber().doubleValue() <= 1e-12 * size, "largest difference " + s.sub(l).amaxNumber());
        assertTrue(s.sub(start).amaxNumber().doubleValue() > 0.05, "Adam at 0.01 for 12 steps moves some weight");
    }

    @Test
    void passStillGivesTheInputErrorOfAFirstDenseOrConvolutionLayer() {
        for (boolean conv : new boolean[] {false, true}) {
            Model stock = conv ? pooled(Convolutions.DL4J) : mlp(Convolutions.DL4J);
            Model lean = conv ? pooled(Convolutions.NATIVE) : mlp(Convolutions.NATIVE);
            ConvolutionsTest.copyParams(stock, lean);
            DataSet b = batch(conv ? new long[] {6, 2, 9, 9} : new long[] {6, 12}, 9);
            Pass s = stock.forward(b.getFeatures());
            s.backward(b.getLabels());
            Pass l = lean.forward(b.getFeatures());
            l.backward(b.getLabels());
            assertNotNull(l.inputGradient());
            assertTrue(s.inputGradient().equalsWithEps(l.inputGradient(), 1e-10), s.inputGradient() + "\n" + l.inputGradient());
            assertTrue(s.inputGradient().norm2Number().doubleValue() > 0);
        }
    }

    @Test
    void leanLayersSaveAndLoad(@TempDir Path dir) {
        Model m = pooled(Convolutions.NATIVE);
        DataSet b = batch(new long[] {4, 2, 9, 9}, 2);
        m.network().fit(b);
        m.save(dir.resolve("lean.zip"));
        Model loaded = Model.load(dir.resolve("lean.zip"));
        assertTrue(loaded.network().getLayer("dense_1").conf().getLayer() instanceof LeanDense);
        assertTrue(loaded.network().getLayer("avgpool2d_1").conf().getLayer() instanceof BuiltinPooling);
        assertTrue(loaded.network().getLayer("dense_2").conf().getLayer() instanceof LeanOutput);
        assertEquals(m.predict(b.getFeatures()), loaded.predict(b.getFeatures()));
        assertTrue(loaded.network().getUpdater() instanceof LeanGraphUpdater);
        assertEquals(m.network().getUpdater().getStateViewArray(), loaded.network().getUpdater().getStateViewArray());
    }

    /**
     * The native engine updates through {@link LeanGraphUpdater} (whose steps {@code LeanGraphUpdaterTest} checks
     * against DL4J's), also after the learning rate is changed, when DL4J puts its own updater back; the stock engine
     * keeps DL4J's.
     */
    @Test
    void theNativeEngineKeepsTheLeanUpdaterAcrossLearningRateChanges() {
        assertFalse(mlp(Convolutions.DL4J, Optimizer.adam(0.01)).network().getUpdater() instanceof LeanGraphUpdater);
        Model m = mlp(Convolutions.NATIVE, Optimizer.adam(0.01));
        assertTrue(m.network().getUpdater() instanceof LeanGraphUpdater);
        m.network().fit(batch(new long[] {10, 12}, 4));
        INDArray state = m.network().getUpdater().getStateViewArray().dup();
        m.trainingStep().setLearningRate(0.003);
        assertTrue(m.network().getUpdater() instanceof LeanGraphUpdater);
        assertEquals(0.003, m.trainingStep().learningRate(), 1e-15);
        assertEquals(state, m.network().getUpdater().getStateViewArray());
    }
}
