package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Vocabulary;
import io.neurite.layers.Recurrent;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Predicting padded token sequences from arrays: {@code predict(ids, Vocabulary.paddingMask(ids))} gives each sequence
 * the prediction it gets unpadded, for every cell and both ways of reducing the steps, and {@code predictAll} every
 * output of a model of several; {@code predict(ids)} reads the padding as words. Masks of the wrong shape, or on an input that is not a sequence, are named.
 */
class PaddedPredictionTest {
    private static final double[][] PADDED = {{3, 5, 2, 0, 0, 0}, {4, 0, 0, 0, 0, 0}, {7, 8, 9, 6, 5, 4}};

    private static Model model(Recurrent.Cell cell, UnaryOperator<Sequential> reduce) {
        return reduce.apply(Model.sequential("reader").input(Shape.tokens(Shape.VARIABLE, 10)).dataType(DataType.DOUBLE)
                .seed(11).embedding(4).then(Recurrent.of(cell, 3))).dense(2).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.adam(0.01));
    }

    @Test
    void aPaddedSequencePredictsAsTheUnpaddedOneWithItsPaddingMask() {
        INDArray ids = Nd4j.create(PADDED).castTo(DataType.DOUBLE);
        INDArray mask = Vocabulary.paddingMask(ids);
        assertTrue(Nd4j.create(new float[][] {{1, 1, 1, 0, 0, 0}, {1, 0, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1}}).equals(mask),
                mask.toString());
        int[] lengths = {3, 1, 6};
        for (Recurrent.Cell cell : Recurrent.Cell.values()) {
            for (boolean last : new boolean[] {false, true}) {
                Model m = model(cell, last ? Sequential::lastStep : Sequential::globalAvgPool);
                String what = cell + (last ? " last step" : " mean of steps");
                INDArray masked = m.predict(ids, mask);
                INDArray unmasked = m.predict(ids);
                for (int i = 0; i < PADDED.length; i++) {
                    INDArray alone = ids.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1),
                            org.nd4j.linalg.indexing.NDArrayIndex.interval(0, lengths[i])).dup();
                    INDArray expected = m.predict(alone);
                    assertTrue(expected.equalsWithEps(masked.getRow(i, true), 1e-6),
                            what + ", sequence " + i + ": " + masked.getRow(i) + " vs unpadded " + expected);
                    double readPadding = Math.abs(unmasked.getDouble(i, 0) - expected.getDouble(0, 0));
                    if (lengths[i] < 6) assertTrue(readPadding > 1e-4, what + ": padding read as words changed only " + readPadding);
                }
                // the same through a Dataset with the mask
                assertTrue(masked.equalsWithEps(m.predict(Dataset.unlabelled(ids).withMask(Dataset.FEATURES, mask)), 0));
            }
        }
    }

    /**
     * A model of two outputs, one per sequence and one per step ([n, steps, classes]), reads padded sequences as
     * unpadded ones too.
     */
    @Test
    void everyOutputOfAPaddedSequenceThroughPredictAll() {
        GraphBuilder g = Model.graph("two-heads").dataType(DataType.DOUBLE).seed(11);
        Node states = g.input("ids", Shape.tokens(Shape.VARIABLE, 10)).embedding(4).gru(3);
        g.output(states.lastRealStep().dense(2).softmax().named("whole"), states.dense(5).softmax().named("each"));
        Model m = g.build().compile(Loss.crossEntropy(), Optimizer.adam(0.01));
        INDArray ids = Nd4j.create(PADDED).castTo(DataType.DOUBLE);
        var padded = m.predictAll(Dataset.unlabelled(ids).withMask(Dataset.FEATURES, Vocabulary.paddingMask(ids)));
        int[] lengths = {3, 1, 6};
        for (int i = 0; i < PADDED.length; i++) {
            INDArray alone = ids.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, lengths[i])).dup();
            var expected = m.predict(java.util.Map.of("ids", alone));
            assertTrue(expected.get("whole").equalsWithEps(padded.get("whole").getRow(i, true), 1e-9),
                    "sequence " + i + ": " + padded.get("whole").getRow(i) + " vs unpadded " + expected.get("whole"));
            for (int t = 0; t < lengths[i]; t++) {
                INDArray step = padded.get("each").get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(t), org.nd4j.linalg.indexing.NDArrayIndex.all());
                INDArray want = expected.get("each").get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(t), org.nd4j.linalg.indexing.NDArrayIndex.all());
                assertTrue(want.equalsWithEps(step, 1e-9), "sequence " + i + ", step " + t + ": " + step + " vs " + want);
            }
        }
        double unmasked = m.predict(java.util.Map.of("ids", ids)).get("whole").getDouble(1, 0);
        assertTrue(Math.abs(unmasked - padded.get("whole").getDouble(1, 0)) > 1e-4, "padding read as words changed nothing");
    }

    @Test
    void masksOfTheWrongShapeOrOnVectorInputsAreNamed() {
        Model m = model(Recurrent.Cell.SIMPLE_RNN, Sequential::lastStep);
        INDArray ids = Nd4j.create(PADDED).castTo(DataType.DOUBLE);
        var e = assertThrows(IllegalArgumentException.class, () -> m.predict(ids, Nd4j.ones(3, 5)));
        assertEquals("mask of 'features' has shape [3, 5] but 'features' has shape [3, 6]; a mask is [n, steps] with 1"
                + " for real steps and 0 for padding", e.getMessage());
        Model dense = Model.sequential("flat").input(Shape.vector(3)).dense(2).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.adam(0.01));
        e = assertThrows(IllegalArgumentException.class, () -> dense.predict(Nd4j.ones(2, 3), Nd4j.ones(2, 3)));
        assertEquals("predict: a mask was given for input 'input' of model 'flat', which reads (3), not a sequence; masks"
                + " mark the padded steps of sequences, so drop it", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.paddingMask(Nd4j.ones(2, 3, 1)));
        assertEquals("token ids must be [n, steps] to mask their padding, got shape [2, 3, 1]", e.getMessage());
    }
}
