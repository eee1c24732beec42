package io.neurite.recipes.unit3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Sunspots;
import io.neurite.recipes.Recipes;
import io.neurite.train.Fit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sunspot lesson: the LSTM beats persistence on the held-out 40 years. */
class SunspotsForecastTest {
    @Test
    @Tag("slow")
    void lstmBeatsPersistenceOnTheHeldOutYears() {
        assertEquals(3, Recipes.find("sunspots-forecast").orElseThrow().unit());
        var f = SunspotsForecast.forecast(SunspotsForecast.oneLayer(1), Fit.epochs(60).batchSize(16).quiet());
        // persistence, computed here from the series itself: 1969-2008 against the year before
        double[] y = Sunspots.load().values();
        double sum = 0;
        for (int t = y.length - 40; t < y.length; t++) sum += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
        assertEquals(Math.sqrt(sum / 40), f.persistenceRmse(), 1e-9);
        assertEquals(1969, f.years()[0]);
        assertEquals(y[y.length - 1], f.actual()[39], 0.0);
        System.out.printf("sunspots: LSTM RMSE %.2f, persistence %.2f%n", f.modelRmse(), f.persistenceRmse());
        assertTrue(f.modelRmse() < 0.8 * f.persistenceRmse(), "LSTM " + f.modelRmse() + " vs persistence " + f.persistenceRmse());
    }
}
