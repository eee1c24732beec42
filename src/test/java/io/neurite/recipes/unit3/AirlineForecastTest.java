package io.neurite.recipes.unit3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Airline;
import io.neurite.recipes.Recipes;
import io.neurite.train.Fit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The forecasting lesson: the LSTM beats the seasonal-naive forecast on the held-out two years. */
class AirlineForecastTest {
    /** About a minute on a loaded 2-core machine; seen: LSTM RMSE 25.6 against seasonal naive 50.0 (thousands). */
    @Test
    @Tag("slow")
    void lstmBeatsSeasonalNaiveOnTheHeldOutMonths() {
        assertEquals(3, Recipes.find("airline-forecast").orElseThrow().unit());
        var f = AirlineForecast.forecast(Fit.epochs(150).batchSize(16).quiet(), 1);
        // seasonal naive, computed here from the series itself
        double[] y = Airline.load().values();
        double sum = 0;
        for (int t = y.length - 24; t < y.length; t++) sum += (y[t] - y[t - 12]) * (y[t] - y[t - 12]);
        assertEquals(Math.sqrt(sum / 24), f.naiveRmse(), 1e-9);
        // a model that learned nothing predicts z = 0, which is the seasonal-naive forecast itself
        System.out.printf("airline: LSTM RMSE %.2f, seasonal naive %.2f%n", f.lstmRmse(), f.naiveRmse());
        assertTrue(f.lstmRmse() < 0.7 * f.naiveRmse(), "LSTM " + f.lstmRmse() + " vs seasonal naive " + f.naiveRmse());
    }
}
