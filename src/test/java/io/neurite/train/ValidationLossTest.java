package io.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.model.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;
import org.nd4j.linalg.ops.transforms.Transforms;

class ValidationLossTest {

    /** val_loss is the mean cross-entropy -mean log p_y of the validation data, without the L2 penalty term. */
    @Test
    void validationLossIsTheDataLossWithoutThePenalty() {
        Model m = Model.sequential("l2").input(Shape.vector(2)).dataType(DataType.DOUBLE).seed(1)
                .dense(2).l2(5.0).softmax().build().compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
        Dataset train = Dataset.classification(new double[][] {{1, 2}, {-1, 0.5}, {0.3, -2}}, new int[] {0, 1, 1}, 2);
        Dataset val = Dataset.classification(new double[][] {{0.5, 1}, {-2, 1}}, new int[] {1, 0}, 2);
        History h = m.fit(train, Fit.epochs(1).fullBatch().validation(val).quiet());
        INDArray p = m.predict(val.features().castTo(DataType.DOUBLE));
        double expected = -Transforms.log(p.mul(val.labels().castTo(DataType.DOUBLE)).sum(1)).meanNumber().doubleValue();
        assertEquals(expected, h.last("val_loss"), 1e-9);
    }

    /**
     * Validation data larger than one scoring batch is scored in unequal batches (64 + 64 + 88... rows here); the mean
     * must weight every example once, as -mean log p_y over all rows does.
     */
    @Test
    void validationLossOverSeveralScoringBatchesIsTheMeanOverAllExamples() {
        Model m = Model.sequential("wide").input(Shape.vector(3)).dataType(DataType.DOUBLE).seed(2)
                .dense(4).softmax().build().compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
        int n = 2 * 64 + 88; // scoring runs 64 examples at a time
        java.util.Random random = new java.util.Random(3);
        double[][] x = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) x[i][j] = random.nextGaussian();
            y[i] = random.nextInt(4);
        }
        Dataset val = Dataset.classification(x, y, 4);
        History h = m.fit(val.take(10), Fit.epochs(1).fullBatch().validation(val).quiet());
        INDArray p = m.predict(val.features().castTo(DataType.DOUBLE));
        double expected = -Transforms.log(p.mul(val.labels().castTo(DataType.DOUBLE)).sum(1)).meanNumber().doubleValue();
        assertEquals(expected, h.last("val_loss"), 1e-9);
        assertEquals(expected, m.loss(val), 1e-9);
    }

    /**
     * Validation is scored in one forward pass: its loss and its metrics come from the same predictions. Counted with
     * ND4J's op profiler: an epoch with 150 validation examples (scoring batches of 64: 64 + 64 + 22) runs 2 dense
     * layers x 3 batches = 6 matrix products more than the same epoch without them; scoring loss and metrics in
     * separate passes would run 12.
     */
    @Test
    void validationLossAndMetricsComeFromOneForwardPass() {
        java.util.Random random = new java.util.Random(5);
        double[][] x = new double[170][4];
        int[] y = new int[170];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 4; j++) x[i][j] = random.nextGaussian();
            y[i] = random.nextInt(3);
        }
        Dataset all = Dataset.classification(x, y, 3);
        Dataset train = all.take(20);
        Dataset val = all.slice(20, 170);
        long without = matrixProducts(() -> twoLayers().fit(train, Fit.epochs(1).fullBatch().quiet()));
        History[] h = new History[1];
        long with = matrixProducts(() -> h[0] = twoLayers().fit(train, Fit.epochs(1).fullBatch().validation(val).quiet()));
        assertEquals(6, with - without);
        assertTrue(h[0].last("val_loss") > 0 && h[0].last("val_accuracy") >= 0, "both from that pass");
    }

    private static Model twoLayers() {
        return Model.sequential("two").input(Shape.vector(4)).seed(4).dense(8).relu().dense(3).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.adam(0.01));
    }

    /** The number of libnd4j matmul ops {@code run} executes. */
    private static long matrixProducts(Runnable run) {
        ProfilerConfig before = OpProfiler.getInstance().getConfig();
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        try {
            OpProfiler.getInstance().reset();
            run.run();
            return OpProfiler.getInstance().getOpCounter().getCount("matmul");
        } finally {
            Nd4j.getExecutioner().setProfilingConfig(before);
            OpProfiler.getInstance().reset();
        }
    }
}
