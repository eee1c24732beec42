package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.neurite.core.Shape;

import io.neurite.data.Dataset;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Transfer learning: a small CNN learns which quadrant of an 8x8 image is bright (4 classes), then its features are
 * frozen and a new 2-class head learns "top or bottom" on fresh images.
 */
@Tag("slow")
class TransferTest {
    private static final int QUADRANTS = 4;

    /** Noise in [0, 0.2) with the quadrant {@code q} (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right) at 1. */
    private static INDArray images(int[] quadrant, long seed) {
        Random r = new Random(seed);
        float[] pixels = new float[quadrant.length * 64];
        for (int i = 0; i < quadrant.length; i++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    boolean lit = y / 4 == quadrant[i] / 2 && x / 4 == quadrant[i] % 2;
                    pixels[i * 64 + y * 8 + x] = lit ? 1f : 0.2f * r.nextFloat();
                }
            }
        }
        return Nd4j.create(pixels, new long[] {quadrant.length, 1, 8, 8}, 'c');
    }

    private static int[] randomQuadrants(int n, long seed) {
        return new Random(seed).ints(n, 0, QUADRANTS).toArray();
    }

    private static Model trained;

    /** Trained once: transfer() leaves the source model unchanged (checked below). */
    private static synchronized Model trainedQuadrantModel() {
        if (trained != null) return trained;
        Model m = Model.sequential("quadrants").input(Shape.image(8, 8, 1))
                .conv(4, 3).batchNorm().relu()
                .maxPool(2)
                .flatten().named("features")
                .dense(8).relu()
                .dense(QUADRANTS).softmax()
                .build();
        m.compile(Loss.crossEntropy(), Optimizer.adam(1e-2));
        int[] q = randomQuadrants(200, 1);
        m.fit(Dataset.of(images(q, 2), Dataset.oneHot(q, QUADRANTS)), Fit.epochs(5).batchSize(20).quiet());
        trained = m;
        return m;
    }

    @Test
    void frozenLayersKeepTheirWeightsWhileTheHeadLearns() {
        Model source = trainedQuadrantModel();
        INDArray sourceConv = source.network().getLayer("conv2d_1").params().dup();
        Model target = source.transfer().freezeUpTo("features").replaceHead(2).fineTune(Optimizer.adam(1e-2)).build();

        // Frozen layers start from the source's weights; the head is new.
        assertEquals(sourceConv, target.network().getLayer("conv2d_1").params());
        assertEquals(2, target.network().getLayer("dense_2").getParam("W").size(1));
        INDArray conv = target.network().getLayer("conv2d_1").params().dup();
        INDArray bn = target.network().getLayer("batchnorm_1").params().dup();   // gamma, beta, running mean, var
        INDArray hidden = target.network().getLayer("dense_1").params().dup();
        INDArray head = target.network().getLayer("dense_2").params().dup();

        int[] q = randomQuadrants(200, 3);
        int[] topOrBottom = java.util.Arrays.stream(q).map(v -> v / 2).toArray();
        Dataset task = Dataset.of(images(q, 4), Dataset.oneHot(topOrBottom, 2));
        target.fit(task, Fit.epochs(8).batchSize(20).quiet());

        assertEquals(conv, target.network().getLayer("conv2d_1").params(), "frozen convolution changed");
        assertEquals(bn, target.network().getLayer("batchnorm_1").params(), "frozen batch norm (or its statistics) changed");
        assertNotEquals(hidden, target.network().getLayer("dense_1").params(), "trainable hidden layer did not learn");
        assertNotEquals(head, target.network().getLayer("dense_2").params(), "head did not learn");
        assertEquals(sourceConv, source.network().getLayer("conv2d_1").params(), "source model was modified");
        assertEquals(QUADRANTS, source.predict(images(new int[] {0}, 5)).size(1), "source head was replaced");

        int[] qTest = randomQuadrants(100, 6);
        Dataset test = Dataset.of(images(qTest, 7), Dataset.oneHot(java.util.Arrays.stream(qTest).map(v -> v / 2).toArray(), 2));
        double accuracy = target.evaluate(test).accuracy();
        assertTrue(accuracy >= 0.9, "top/bottom from frozen quadrant features should be easy (chance 0.5), got " + accuracy);
    }

    /**
     * Conv 3*3*1*4+4 = 40 and batch norm 4*4 = 16 frozen; 8x8 -conv3-> 6x6 -pool2-> 3x3x4 = 36 features, dense
     * 36*8+8 = 296 and new head 8*2+2 = 18 trainable.
     */
    @Test
    void summaryCountsFrozenParametersAsNonTrainable() {
        Model target = trainedQuadrantModel().transfer().freezeUpTo("features").replaceHead(2)
                .fineTune(Optimizer.sgd(1e-3)).build();
        Summary s = target.summaryTable();
        assertEquals(56, s.nonTrainableParams());
        assertEquals(314, s.trainableParams());
        assertEquals(s.totalParams(), target.network().numParams(), "summary and DL4J network disagree");
        assertTrue(s.row("conv2d_1").details().startsWith("frozen"), s.row("conv2d_1").details());
        double lr = ((BaseLayer) target.network().getLayer("dense_1").conf().getLayer()).getIUpdater()
                .getLearningRate(0, 0);
        assertEquals(1e-3, lr, 1e-12, "fine-tuning learning rate");
        assertEquals(1e-3, target.optimizer().learningRate(0), 1e-12);
    }

    @Test
    void badRequestsNameWhatIsWrong() {
        Model source = trainedQuadrantModel();
        var unknown = assertThrows(IllegalArgumentException.class, () -> source.transfer().freezeUpTo("conv9"));
        assertTrue(unknown.getMessage().contains("conv9") && unknown.getMessage().contains("conv2d_1"), unknown.getMessage());
        var output = assertThrows(IllegalArgumentException.class, () -> source.transfer().freezeUpTo("dense_2"));
        assertTrue(output.getMessage().contains("output"), output.getMessage());

        Model gapHead = Model.sequential("gap").input(Shape.image(8, 8, 1)).conv(3, 3).globalAvgPool().softmax().build();
        gapHead.compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
        var notDense = assertThrows(IllegalArgumentException.class, () -> gapHead.transfer().replaceHead(2));
        assertTrue(notDense.getMessage().contains("Dense"), notDense.getMessage());
        Model uncompiled = Model.sequential("raw").input(Shape.vector(2)).dense(2).softmax().build();
        assertThrows(IllegalStateException.class, uncompiled::transfer);
    }

    @Test
    void savedTransferModelReloadsWithItsFrozenLayers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Model target = trainedQuadrantModel().transfer().freezeUpTo("features").replaceHead(2).build();
        target.save(dir.resolve("t.zip"));
        Model back = Model.load(dir.resolve("t.zip"));
        INDArray x = images(new int[] {0, 3}, 9).castTo(DataType.FLOAT);
        assertEquals(target.predict(x), back.predict(x));
        assertEquals(56, back.summaryTable().nonTrainableParams());
    }
}
