package io.neurite.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.recipes.unit1.BiasVariance;
import io.neurite.recipes.unit1.BiasVariance.Point;
import io.neurite.recipes.unit1.BiasVariance.Remedy;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bias-and-variance lesson on the Fashion-MNIST mini, with bounds that a model which did not train, an experiment
 * that reused one training set for every size, or a remedy that changed nothing would miss. Measured numbers in each
 * test's comments (errors on the 500 validation images).
 */
class BiasVarianceTest {
    private static final BiasVariance.Data DATA = BiasVariance.data();

    @Test
    void regimeIsWhicheverPartOfTheValidationErrorIsLarger() {
        var s = BiasVariance.OVERFIT;
        assertEquals("high bias", new Point(s, 0.30, 0.35, 0, 0).regime());          // bias 0.30 vs variance 0.05
        assertEquals("high variance", new Point(s, 0.05, 0.30, 0, 0).regime());      // bias 0.05 vs variance 0.25
        assertEquals(0.25, new Point(s, 0.05, 0.30, 0, 0).variance(), 1e-12);
        assertEquals(31, BiasVariance.epochsFor(500));   // 16 batches of 32 per epoch: 500 / 16 = 31.25 epochs
        assertEquals(500, BiasVariance.epochsFor(25));   // one batch per epoch
    }

    /**
     * Learning curve of 128 units (measured: 25 images 0% / 44.6%, 1,500 images 8.3% / 15.0%) and model size on 500
     * images (1 unit 78.8% / 80.6%, 512 units 0% / 18.8%). About 30 s, over a minute on a busy machine.
     */
    @Test
    @Tag("slow")
    void moreDataClosesTheGapAndModelSizeMovesFromHighBiasToHighVariance() {
        List<Point> curve = BiasVariance.learningCurve(128, new int[] {25, 1500}, DATA, 1);
        Point few = curve.get(0);
        Point many = curve.get(1);
        String c = curve.toString();
        assertTrue(few.trainError() <= 0.01 && few.regime().equals("high variance"), c);
        assertTrue(many.trainError() > few.trainError(), "more images are harder to memorize: " + c);
        assertTrue(many.valError() < few.valError() - 0.15, c);
        assertTrue(many.variance() < few.variance() - 0.2, c);

        List<Point> sizes = BiasVariance.modelSizeCurve(new int[] {1, 512}, 500, DATA, 1);
        Point tiny = sizes.get(0);
        Point wide = sizes.get(1);
        String z = sizes.toString();
        assertTrue(tiny.regime().equals("high bias") && tiny.trainError() > 0.5, z);
        assertTrue(wide.regime().equals("high variance") && wide.trainError() < 0.02, z);
        assertTrue(wide.valError() < 0.3 && wide.valError() < tiny.valError() - 0.3, z);
    }

    /**
     * Each high-bias model (measured: 2 units 59.2%, 1 epoch 37.2%, L2 1 65.2% training error) fits its 500 images
     * once its cause is removed (0% training error), and its validation error falls (to 20.6%). More data cuts the
     * overfit model's variance from 29.2 to 8.6 points and its validation error from 29.2% to 24.4%; dropout, L2 and
     * early stopping each shrink its loss gap (0.99 to 0.85, 0.87 and 0.66). About a minute.
     */
    @Test
    @Tag("slow")
    void eachRemedyMovesItsModelTheWayTheLectureSays() {
        List<Remedy> bias = BiasVariance.biasRemedies(DATA, 1);
        String b = bias.toString();
        assertEquals(3, bias.size());
        for (Remedy r : bias) {
            assertEquals("high bias", r.before().regime(), b);
            assertTrue(r.before().trainError() > 0.3, b);
            assertTrue(r.after().trainError() < 0.05, b);
            assertTrue(r.after().valError() < r.before().valError() - 0.1, b);
        }
        List<Remedy> variance = BiasVariance.varianceRemedies(DATA, 1);
        String v = variance.toString();
        Point overfit = variance.get(0).before();
        assertTrue(overfit.regime().equals("high variance") && overfit.variance() > 0.2, v);
        Point moreData = variance.get(0).after();
        assertTrue(moreData.variance() < overfit.variance() - 0.1, v);
        assertTrue(moreData.valError() < overfit.valError() - 0.02, v);
        for (Remedy r : variance.subList(1, variance.size())) {
            assertTrue(r.after().lossGap() < 0.95 * overfit.lossGap(), r.name() + ": " + v);
        }
    }
}
