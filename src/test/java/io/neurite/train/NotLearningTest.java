package io.neurite.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Digits;
import io.neurite.model.Model;
import org.junit.jupiter.api.Test;

/** A classifier whose learning rate is far too large keeps a finite loss but learns nothing: training says so. */
class NotLearningTest {

    private static History train(double rate) {
        Dataset digits = Digits.load().take(600);
        Model m = Model.sequential("mlp").input(Shape.vector(64)).seed(1).dense(32).relu().dense(10).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.sgd(rate));
        return m.fit(digits, Fit.epochs(4).batchSize(32).quiet());
    }

    @Test
    void aHugeLearningRateStopsWithWhatToTry() {
        History h = train(1e6);
        String why = h.stopReason().orElseThrow(() -> new AssertionError("a run with rate 1e6 was not stopped; loss "
                + java.util.Arrays.toString(h.metric("loss"))));
        assertTrue(why.startsWith("diverg"), why);
        assertTrue(why.contains("learning rate 1000000") && why.contains("smaller"), why);
        assertTrue(h.epochs() <= 2, "stopped after the first epoch that showed it, ran " + h.epochs());
    }

    @Test
    void aSaneRunIsNotStopped() {
        History h = train(0.05);
        assertTrue(h.stopReason().isEmpty(), h.stopReason().orElse(""));
        assertTrue(h.last("accuracy") > 0.6, "and it learns (chance is 0.1): accuracy " + h.last("accuracy"));
    }
}
