package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.neurite.core.Activation;
import io.neurite.core.Shape;
import io.neurite.spec.Convolutions;
import io.neurite.spec.NodeSpec;

import io.neurite.data.Dataset;
import io.neurite.nativeops.NativeConv2D;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.zoo.LeNet;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationCube;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two convolution engines are interchangeable behind the DSL: same parameter counts, same canonical weight layout
 * through {@link Model#weights}, and from the same initial weights the same outputs and the same SGD loss trajectory
 * (plain SGD, not Adam: Adam's normalisation would hide a gradient off by a constant factor).
 */
class ConvolutionsTest {

    /** Valid, strided 'same', dilated and bias-free convolutions with three activations, in double precision. */
    private static Model small(Convolutions engine) {
        return Model.sequential("engines").convolutions(engine).dataType(DataType.DOUBLE).seed(7)
                .input(Shape.image(9, 9, 2))
                .conv(4, 3).relu()
                .conv(5, 3).stride(2).same().tanh()
                .conv(3, 2).dilation(2).noBias().l2(1e-3)
                .flatten()
                .dense(3).softmax()
                .build()
                .compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
    }

    private static DataSet randomBatch(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, 2, 9, 9).subi(0.5);
        int[] classes = new Random(seed).ints(n, 0, 3).toArray();
        return new DataSet(x, Dataset.oneHot(classes, 3).castTo(DataType.DOUBLE));
    }

    /** Copies every weight and bias of {@code from} into {@code to} through the canonical layout. */
    static void copyParams(Model from, Model to) {
        for (NodeSpec node : from.spec().nodes()) {
            var layer = from.network().getLayer(node.name());
            if (layer == null) continue;
            if (layer.paramTable().containsKey("W")) to.setWeights(node.name(), from.weights(node.name()));
            if (layer.paramTable().containsKey("b")) to.setBias(node.name(), from.bias(node.name()));
        }
    }

    @Test
    void nativeEngineCompilesConvolutionsToNativeConv2D() {
        Model m = small(Convolutions.NATIVE);
        assertEquals(Convolutions.NATIVE, m.spec().convolutions());
        for (String conv : new String[] {"conv2d_1", "conv2d_2", "conv2d_3"}) {
            assertInstanceOf(NativeConv2D.class, m.network().getLayer(conv).conf().getLayer(), conv);
        }
        assertInstanceOf(ConvolutionLayer.class, small(Convolutions.DL4J).network().getLayer("conv2d_1").conf().getLayer());
    }

    @Test
    void activationWithoutSameDiffEquivalentFallsBackToStock() {
        Model m = Model.sequential("cube").convolutions(Convolutions.NATIVE).input(Shape.image(5, 5, 1))
                .conv(2, 3).activation(Activation.of("cube", new ActivationCube()))
                .conv(2, 3).relu()
                .flatten().dense(2).softmax().build().compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
        assertInstanceOf(ConvolutionLayer.class, m.network().getLayer("conv2d_1").conf().getLayer());
        assertInstanceOf(NativeConv2D.class, m.network().getLayer("conv2d_2").conf().getLayer());
    }

    @ParameterizedTest
    @EnumSource(Convolutions.class)
    void weightsRoundTripInTheCanonicalLayout(Convolutions engine) {
        Model m = small(engine);
        assertArrayEquals(new long[] {5, 4, 3, 3}, m.weights("conv2d_2").shape());
        INDArray w = Nd4j.linspace(DataType.DOUBLE, 1, 5 * 4 * 3 * 3, 1).reshape('c', 5, 4, 3, 3);
        m.setWeights("conv2d_2", w);
        assertEquals(w, m.weights("conv2d_2"));
        // W[f=1, c=2, r=0, k=1] is element 1*36 + 2*9 + 0*3 + 1 (0-based) of the ramp, whatever the storage order.
        assertEquals(1 * 36 + 2 * 9 + 1 + 1, m.weights("conv2d_2").getDouble(1, 2, 0, 1));
    }

    @Test
    void sameWeightsGiveSameOutputsAndSameSgdLossTrajectory() {
        Model stock = small(Convolutions.DL4J);
        Model nat = small(Convolutions.NATIVE);
        copyParams(stock, nat);
        DataSet batch = randomBatch(16, 11);
        INDArray stockOut = stock.predict(batch.getFeatures());
        INDArray nativeOut = nat.predict(batch.getFeatures());
        assertTrue(stockOut.equalsWithEps(nativeOut, 1e-10), "outputs differ:\n" + stockOut + "\n" + nativeOut);

        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 10; step++) {
            stock.network().fit(batch);
            nat.network().fit(batch);
            double s = stock.network().score();
            double n = nat.network().score();
            assertEquals(s, n, 1e-4, "loss after step " + step);
            if (step == 0) first = s;
            last = s;
        }
        assertTrue(last < first - 0.05, "SGD should lower the loss: " + first + " -> " + last);
        assertTrue(stock.weights("conv2d_1").equalsWithEps(nat.weights("conv2d_1"), 1e-6), "trained weights differ");
    }

    @Test
    void firstNativeTrainingStepPrintsNothing() {
        Model m = small(Convolutions.NATIVE);
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            m.network().fit(randomBatch(4, 1));
        } finally {
            System.setOut(original);
        }
        assertEquals("", captured.toString(), "console output of the first training step");
        assertEquals(original, System.out);
    }

    @Test
    void lenet5HasTheSameParameterCountsWithBothEngines() {
        Model stock = LeNet.lenet5Mnist(Shape.image(28, 28, 1), 10).withConvolutions(Convolutions.DL4J);
        Model nat = stock.withConvolutions(Convolutions.NATIVE);
        assertEquals(61_706, stock.paramCount());
        assertEquals(61_706, nat.paramCount());
        Summary s = stock.summaryTable();
        Summary n = nat.summaryTable();
        for (Summary.Row row : s.rows()) assertEquals(row.params(), n.row(row.name()).params(), row.name());
    }

    @Test
    void nativeModelSavesAndLoadsWithItsEngine(@TempDir Path dir) {
        Model m = small(Convolutions.NATIVE);
        DataSet batch = randomBatch(8, 5);
        m.network().fit(batch);
        Path file = dir.resolve("native.zip");
        m.save(file);
        Model loaded = Model.load(file);
        assertEquals(Convolutions.NATIVE, loaded.spec().convolutions());
        assertInstanceOf(NativeConv2D.class, loaded.network().getLayer("conv2d_1").conf().getLayer());
        assertEquals(m.predict(batch.getFeatures()), loaded.predict(batch.getFeatures()));
        assertEquals(m.weights("conv2d_2"), loaded.weights("conv2d_2"));
    }

    @Test
    void transferFreezesANativeConvolution() {
        Model source = Model.sequential("src").convolutions(Convolutions.NATIVE).input(Shape.image(8, 8, 1))
                .conv(4, 3).relu().maxPool(2).flatten().named("features").dense(6).relu().dense(4).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.adam(1e-2));
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 1, 8, 8);
        int[] classes = new Random(3).ints(64, 0, 4).toArray();
        source.fit(Dataset.of(x, Dataset.oneHot(classes, 4)), Fit.epochs(2).batchSize(16).quiet());

        Model target = source.transfer().freezeUpTo("features").replaceHead(2).fineTune(Optimizer.adam(1e-2)).build();
        assertTrue(NativeConv2D.isNative(target.network().getLayer("conv2d_1").conf().getLayer()));
        INDArray conv = target.weights("conv2d_1");
        assertEquals(source.weights("conv2d_1"), conv);
        INDArray head = target.weights("dense_2");
        int[] halves = java.util.Arrays.stream(classes).map(c -> c / 2).toArray();
        target.fit(Dataset.of(x, Dataset.oneHot(halves, 2)), Fit.epochs(2).batchSize(16).quiet());
        assertEquals(conv, target.weights("conv2d_1"));
        assertNotEquals(head, target.weights("dense_2"));
        assertEquals(4 * 9 + 4, target.summaryTable().nonTrainableParams());
    }
}
