package io.neurite.recipes.unit3;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Sunspots;
import io.neurite.data.TimeSeries;
import io.neurite.model.Model;
import io.neurite.model.Sequential;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Time-series forecasting on the yearly sunspot numbers (1700-2008): an LSTM reads the last {@link #WINDOW} years,
 * standardized with the training years' mean and standard deviation, and predicts the next. One step ahead over the
 * last {@link #TEST_YEARS} years, held out, its RMSE is set against the persistence forecast y^_t = y_{t-1} (next
 * year as this year).
 */
public final class SunspotsForecast implements Recipe {
    /** Years held out at the end of the series. */
    public static final int TEST_YEARS = 40;
    /** Years the LSTM reads per forecast (about two solar cycles of 11 years). */
    public static final int WINDOW = 24;

    @Override public String name() { return "sunspots-forecast"; }

    @Override public int unit() { return 3; }

    @Override
    public String description() {
        return "LSTM forecasting of yearly sunspot numbers from the last 24 years; held-out RMSE against persistence";
    }

    /** Held-out years, actual values, the model's and the persistence forecasts, and both RMSEs. */
    public record Forecast(double[] years, double[] actual, double[] model, double[] persistence, double modelRmse,
                           double persistenceRmse) { }

    /** The windows of the standardized series: training targets before the held-out years, test targets in them. */
    record Windows(Dataset train, Dataset test, double mean, double std) {
        static Windows of(double[] y) {
            int firstTest = y.length - TEST_YEARS;
            double mean = 0, var = 0;
            for (int t = 0; t < firstTest; t++) mean += y[t] / firstTest;
            for (int t = 0; t < firstTest; t++) var += (y[t] - mean) * (y[t] - mean) / firstTest;
            double std = Math.sqrt(var);
            double[] z = new double[y.length];
            for (int t = 0; t < y.length; t++) z[t] = (y[t] - mean) / std;
            Dataset all = new TimeSeries("sunspots", null, z).sequenceWindows(WINDOW, 1);   // window i targets i + WINDOW
            return new Windows(all.slice(0, firstTest - WINDOW), all.slice(firstTest - WINDOW, y.length - WINDOW), mean, std);
        }
    }

    /** One LSTM layer of 32 units on the last step, then a linear output: the recipe's model. */
    public static Model oneLayer(long seed) {
        return model("sunspots-lstm", seed, chain -> chain.lstm(32));
    }

    /** {@code recurrent} layers between the input (WINDOW years, 1 value) and a linear output on the last step. */
    static Model model(String name, long seed, UnaryOperator<Sequential> recurrent) {
        return recurrent.apply(Model.sequential(name).input(Shape.sequence(WINDOW, 1)).seed(seed))
                .lastStep().dense(1).build().compile(Loss.mse(), Optimizer.adam(0.005));
    }

    /** Trains {@code model} for {@code fit} on the training windows and forecasts the held-out years one step ahead. */
    public static Forecast forecast(Model model, Fit fit) {
        TimeSeries series = Sunspots.load();
        double[] y = series.values();
        int firstYear = Integer.parseInt(series.firstPeriod());
        Windows w = Windows.of(y);
        model.fit(w.train(), fit);
        INDArray predicted = model.predict(w.test().features());
        int firstTest = y.length - TEST_YEARS;
        double[] years = new double[TEST_YEARS], actual = new double[TEST_YEARS], forecast = new double[TEST_YEARS],
                persistence = new double[TEST_YEARS];
        for (int i = 0; i < TEST_YEARS; i++) {
            int t = firstTest + i;
            years[i] = firstYear + t;
            actual[i] = y[t];
            persistence[i] = y[t - 1];
            forecast[i] = w.mean() + w.std() * predicted.getDouble(i, 0);
        }
        return new Forecast(years, actual, forecast, persistence, AirlineForecast.rmse(actual, forecast),
                AirlineForecast.rmse(actual, persistence));
    }

    @Override
    public void run(RecipeContext ctx) {
        Forecast f = forecast(oneLayer(1), ctx.fit(60).batchSize(16));
        ctx.printf("held-out %d years (%d-%d), one step ahead: LSTM RMSE %.1f, persistence %.1f (sunspot number)%n",
                TEST_YEARS, (int) f.years()[0], (int) f.years()[TEST_YEARS - 1], f.modelRmse(), f.persistenceRmse());
        ctx.save(Chart.lines("Yearly sunspot numbers, last " + TEST_YEARS + " years", "year", "sunspot number")
                .series("actual", f.years(), f.actual()).series("LSTM", f.years(), f.model())
                .series("persistence", f.years(), f.persistence()), "forecast.png");
    }
}
