package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Vocabulary;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Sequences end to end: per-step outputs, padding masks in the loss and the metrics, token ids into an embedding. */
class SequenceModelTest {

    /** Two sequences of 3 and 1 real steps, padded to 3; every step (padding too) carries a class label. */
    private static Dataset twoSequences(boolean masked) {
        INDArray x = Nd4j.create(new double[][][] {
                {{1, 0}, {0, 1}, {1, 1}},
                {{-1, 2}, {0, 0}, {0, 0}}}).castTo(DataType.DOUBLE);
        int[][] classes = {{0, 1, 2}, {1, 0, 0}};
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, 3, 3);
        for (int n = 0; n < 2; n++) for (int t = 0; t < 3; t++) y.putScalar(new long[] {n, t, classes[n][t]}, 1.0);
        Dataset d = Dataset.of(x, y);
        if (!masked) return d;
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 1}, {1, 0, 0}}).castTo(DataType.DOUBLE);
        return d.withMask(Dataset.FEATURES, mask).withMask(Dataset.LABELS, mask);
    }

    private static Model perStepClassifier() {
        return Model.sequential("tagger").input(Shape.sequence(Shape.VARIABLE, 2)).dataType(DataType.DOUBLE).seed(7)
                .dense(3).softmax().build().compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
    }

    /** -log p(y) at step t of example n, from the model's own predictions. */
    private static double nll(INDArray p, Dataset d, int n, int t) {
        int c = d.labels().get(org.nd4j.linalg.indexing.NDArrayIndex.point(n), org.nd4j.linalg.indexing.NDArrayIndex.point(t),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).argMax().getInt(0);
        return -Math.log(p.getDouble(n, t, c));
    }

    @Test
    void maskedStepsCountNeitherInTheLossNorInAccuracy() {
        Model m = perStepClassifier();
        Dataset masked = twoSequences(true);
        Dataset unmasked = twoSequences(false);
        INDArray p = m.predict(masked.features());
        assertArrayEquals(new long[] {2, 3, 3}, p.shape(), "one prediction per step, [n, steps, classes]");
        double real = nll(p, masked, 0, 0) + nll(p, masked, 0, 1) + nll(p, masked, 0, 2) + nll(p, masked, 1, 0);
        double padding = nll(p, masked, 1, 1) + nll(p, masked, 1, 2);
        assertEquals(real / 4, m.loss(masked), 1e-9, "masked: mean over the 4 real steps");
        assertEquals((real + padding) / 6, m.loss(unmasked), 1e-9, "unmasked: mean over all 6 steps");
        assertTrue(Math.abs(m.loss(masked) - m.loss(unmasked)) > 1e-3, "the two must differ for this test to mean anything");

        int correct = 0;
        int[][] real4 = {{0, 0}, {0, 1}, {0, 2}, {1, 0}};
        for (int[] nt : real4) {
            int predicted = p.get(org.nd4j.linalg.indexing.NDArrayIndex.point(nt[0]),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(nt[1]), org.nd4j.linalg.indexing.NDArrayIndex.all()).argMax().getInt(0);
            int actual = masked.labels().get(org.nd4j.linalg.indexing.NDArrayIndex.point(nt[0]),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(nt[1]), org.nd4j.linalg.indexing.NDArrayIndex.all()).argMax().getInt(0);
            if (predicted == actual) correct++;
        }
        assertEquals(correct / 4.0, m.evaluate(masked).accuracy(), 1e-12, "accuracy over real steps only");
    }

    @Test
    void trainingLossIsTheMeanOverRealStepsToo() {
        Model m = perStepClassifier();
        Dataset masked = twoSequences(true);
        double before = m.loss(masked);
        Map<String, Double> logs = m.trainingStep().train(masked);   // DL4J scores the batch before updating
        assertEquals(before, logs.get("loss"), 1e-9);
        assertTrue(m.loss(masked) < before, "one SGD step lowers the loss");
    }

    @Test
    void aDenseOutputOnASequenceIsDl4jsPerStepOutputLayerInNcw() {
        Model m = perStepClassifier();
        var conf = m.network().getLayer("dense_1").conf().getLayer();
        RnnOutputLayer out = assertInstanceOf(RnnOutputLayer.class, conf);
        assertEquals(RNNFormat.NCW, out.getRnnDataFormat());
        assertEquals(Shape.sequence(Shape.VARIABLE, 3), m.summaryTable().row("dense_1").outputShape());
        assertEquals("(None, 3)", m.summaryTable().row("dense_1").outputShape().toString());
    }

    @Test
    void variableLengthSequencesArePaddedMaskedAndBatchedToTheirOwnLength() {
        Dataset d = Dataset.sequences(
                List.of(new double[][] {{1}, {2}, {3}, {4}}, new double[][] {{5}}, new double[][] {{6}, {7}}),
                List.of(new double[][] {{0}, {0}, {0}, {1}}, new double[][] {{1}}, new double[][] {{0}, {1}}));
        assertArrayEquals(new long[] {3, 4, 1}, d.features().shape());
        assertArrayEquals(new double[] {1, 0, 0, 0}, d.featureMask().getRow(1).toDoubleVector());
        List<Dataset> batches = d.batches(2);
        assertArrayEquals(new long[] {2, 4, 1}, batches.get(0).features().shape());
        assertArrayEquals(new long[] {1, 2, 1}, batches.get(1).features().shape(), "cut to its own longest sequence");
        assertArrayEquals(new long[] {1, 2, 1}, batches.get(1).labels().shape());
        assertArrayEquals(new double[] {1, 1}, batches.get(1).labelMask().getRow(0).toDoubleVector());
    }

    @Test
    void tokenIdsFromVocabularyFeedAnEmbeddingAsTheyAre() {
        List<String> texts = List.of("good movie", "bad movie", "good good fun", "bad bad dull");
        Vocabulary v = Vocabulary.build(texts, 20);
        INDArray ids = v.sequences(texts, 3);
        Model m = Model.sequential("sentiment").input(Shape.tokens(3, v.size())).seed(1)
                .embedding(4).globalAvgPool().dense(2).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.adam(0.05));
        Summary s = m.summaryTable();
        assertEquals(Shape.sequence(3, 4), s.row("embedding_1").outputShape());
        assertEquals(v.size() * 4L, s.row("embedding_1").params(), "vocabulary x dimensions, no bias (Keras, PyTorch)");
        Dataset data = Dataset.of(ids, Dataset.oneHot(new int[] {1, 0, 1, 0}, 2));
        m.fit(data, Fit.epochs(60).batchSize(4).quiet());
        assertEquals(1.0, m.evaluate(data).accuracy(), 1e-12, "four separable reviews are learned");
    }

    @Test
    void aDenseLayerOnTokenIdsAsksForAnEmbedding() {
        var e = assertThrows(ModelDefinitionException.class, () -> Model.sequential("x").input(Shape.tokens(3, 10))
                .dense(2).build());
        assertTrue(e.getMessage().contains(".embedding("), e.getMessage());
    }
}
