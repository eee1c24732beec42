package io.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.model.Model;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient clipping: one SGD step (lr 1) with clipping moves each weight by the clipped gradient, the gradient
 * being read off an unclipped twin's step from the same start.
 */
class GradientClippingTest {
    private static final Dataset BATCH = Dataset.of(new double[][] {{3, -4}, {5, 2}}, new double[][] {{40}, {-30}});

    private static Model model(Optimizer optimizer) {
        return Model.sequential("line").input(Shape.vector(2)).dataType(DataType.DOUBLE).seed(5).dense(1).named("out")
                .build().compile(Loss.mse(), optimizer);
    }

    /** The change of the layer's parameters (W then b, flattened) after one step on {@link #BATCH}. */
    private static INDArray step(Model m) {
        INDArray before = m.network().getLayer("out").params().dup();
        m.fit(BATCH, Fit.epochs(1).batchSize(2).shuffle(false).quiet());
        return m.network().getLayer("out").params().sub(before);
    }

    @Test
    void byValueEachGradientValueIsClipped() {
        INDArray g = step(model(Optimizer.sgd(1.0))).neg();            // unclipped gradient
        assertTrue(g.amaxNumber().doubleValue() > 1, "the batch must give gradients above the limit: " + g);
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, g.shape());
        for (int i = 0; i < g.length(); i++) expected.putScalar(i, -Math.max(-0.5, Math.min(0.5, g.getDouble(i))));
        assertTrue(expected.equalsWithEps(step(model(Optimizer.sgd(1.0).clipValue(0.5))), 1e-12));
    }

    @Test
    void byNormTheLayersGradientIsRescaledToTheLimit() {
        INDArray g = step(model(Optimizer.sgd(1.0))).neg();
        double norm = g.norm2Number().doubleValue();
        assertTrue(norm > 1, "the batch must give a gradient norm above the limit: " + norm);
        INDArray clipped = step(model(Optimizer.sgd(1.0).clipNorm(1.0)));
        assertTrue(g.mul(-1.0 / norm).equalsWithEps(clipped, 1e-12), clipped + " vs " + g.mul(-1.0 / norm));
        assertEquals(1.0, clipped.norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void clippingIsSavedWithTheModelAndBadLimitsAreRefused(@TempDir Path dir) {
        Model m = model(Optimizer.adam(0.1).clipNorm(2.0));
        m.save(dir.resolve("m.zip"));
        Optimizer loaded = Model.load(dir.resolve("m.zip")).optimizer();
        assertEquals(org.deeplearning4j.nn.conf.GradientNormalization.ClipL2PerLayer, loaded.clipping());
        assertEquals(2.0, loaded.clipThreshold());
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0.1).clipValue(0));
        assertTrue(e.getMessage().contains("Optimizer.clipValue"), e.getMessage());
    }
}
