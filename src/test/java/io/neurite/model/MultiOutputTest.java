package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** A two-headed model: one classification head, one regression head, one loss each with a weight. */
class MultiOutputTest {
    private static final double WEIGHT = 0.5;

    /** Inputs 'x' (4), outputs 'kind' (3 classes, cross-entropy) and 'size' (1 target, 0.5 * MSE). */
    static Model twoHeads() {
        GraphBuilder g = Model.graph("two-heads").seed(3).dataType(DataType.DOUBLE);
        Node x = g.input("x", Shape.vector(4));
        Node h = x.dense(8).tanh();
        g.output(h.dense(3).softmax().named("kind"), h.dense(1).named("size"));
        Map<String, Loss> losses = new LinkedHashMap<>();
        losses.put("kind", Loss.crossEntropy());
        losses.put("size", Loss.mse().weighted(WEIGHT));
        return g.build().compile(losses, Optimizer.sgd(0.05));
    }

    private static Dataset data() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 12, 4).subi(0.5);
        int[] kind = new int[12];
        for (int i = 0; i < 12; i++) kind[i] = i % 3;
        Map<String, INDArray> in = Map.of("x", x);
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("kind", Dataset.oneHot(kind, 3).castTo(DataType.DOUBLE));
        out.put("size", x.sum(true, 1).reshape(12, 1));
        return Dataset.of(in, out);
    }

    /** The two losses computed separately from the model's predictions, by their formulas. */
    private static double[] headLosses(Model m, Dataset d) {
        Map<String, INDArray> p = m.predict(Map.of("x", d.features("x")));
        double ce = -Transforms.log(p.get("kind").mul(d.labels("kind")).sum(1)).meanNumber().doubleValue();
        double mse = Transforms.pow(p.get("size").sub(d.labels("size")), 2).meanNumber().doubleValue();
        return new double[] {ce, mse};
    }

    @Test
    void totalLossIsTheWeightedSumOfTheHeadsLosses() {
        Model m = twoHeads();
        Dataset d = data();
        double[] heads = headLosses(m, d);
        assertEquals(heads[0] + WEIGHT * heads[1], m.loss(d), 1e-9);
        Map<String, Double> logs = m.trainingStep().train(d);   // DL4J's own score, before the update
        assertEquals(heads[0] + WEIGHT * heads[1], logs.get("loss"), 1e-9);
        assertEquals(heads[0], logs.get("kind_loss"), 1e-9);
        assertEquals(WEIGHT * heads[1], logs.get("size_loss"), 1e-9);
    }

    @Test
    void historyLogsEachHeadAndPredictReturnsEachOutputByName() {
        Model m = twoHeads();
        Dataset d = data();
        History h = m.fit(d, Fit.epochs(3).batchSize(4).validation(d).quiet());
        assertTrue(h.metrics().containsAll(java.util.List.of("loss", "kind_loss", "size_loss", "kind_accuracy",
                "val_loss", "val_kind_loss", "val_size_loss", "val_kind_accuracy")), h.metrics().toString());
        double[] heads = headLosses(m, d);
        assertEquals(heads[0] + WEIGHT * heads[1], h.last("val_loss"), 1e-9);
        assertEquals(heads[0], h.last("val_kind_loss"), 1e-9);
        Map<String, INDArray> p = m.predict(Map.of("x", d.features("x")));
        assertEquals(java.util.List.of("kind", "size"), java.util.List.copyOf(p.keySet()));
        assertEquals(m.evaluate(d, "kind").accuracy(), h.last("val_kind_accuracy"), 1e-12);
    }

    @Test
    void misnamedArraysAndMissingLossesAreNamed() {
        Model m = twoHeads();
        Dataset wrong = Dataset.of(Map.of("x", Nd4j.rand(2, 4)), Map.of("kind", Nd4j.rand(2, 3), "weight", Nd4j.rand(2, 1)));
        var e = assertThrows(IllegalArgumentException.class, () -> m.loss(wrong));
        assertTrue(e.getMessage().contains("[kind, size]") && e.getMessage().contains("weight"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> m.compile(Loss.mse(), Optimizer.sgd(0.1))
                .compile(Map.of("kind", Loss.crossEntropy()), Optimizer.sgd(0.1)));
        assertTrue(e2.getMessage().contains("size"), e2.getMessage());
        var e3 = assertThrows(IllegalStateException.class, () -> m.evaluate(data()));
        assertTrue(e3.getMessage().contains("evaluate(data, \"kind\")"), e3.getMessage());
    }
}
