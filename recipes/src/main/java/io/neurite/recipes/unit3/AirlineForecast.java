package io.neurite.recipes.unit3;

import io.neurite.core.Shape;
import io.neurite.data.Airline;
import io.neurite.data.Dataset;
import io.neurite.model.Model;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Time-series forecasting on the airline passengers (monthly, 1949-1960): an LSTM reads the last 12 year-over-year
 * log changes z_t = log y_t - log y_{t-12} and predicts the next one, so its forecast is y_{t-12} exp(z^_t). One step
 * ahead over the last 24 months, held out, its RMSE is set against the seasonal-naive forecast y_{t-12} (the same
 * month a year before, z^ = 0).
 */
public final class AirlineForecast implements Recipe {
    /** Months held out at the end of the series. */
    public static final int TEST_MONTHS = 24;
    /** Changes the LSTM reads per forecast. */
    public static final int WINDOW = 12;
    private static final int SEASON = 12;
    private static final double SCALE = 10;                             // z is about 0.1: scaled near 1 for training

    @Override public String name() { return "airline-forecast"; }

    @Override public int unit() { return 3; }

    @Override
    public String description() {
        return "LSTM forecasting of airline passengers from year-over-year changes; held-out RMSE against seasonal naive";
    }

    /** Actual values of the held-out months, the LSTM's and the seasonal-naive forecasts, and both RMSEs. */
    public record Forecast(double[] actual, double[] lstm, double[] seasonalNaive, double lstmRmse, double naiveRmse) { }

    /** Trains the LSTM for {@code fit} on every window that ends before the held-out months and forecasts them. */
    public static Forecast forecast(Fit fit, long seed) {
        double[] y = Airline.load().values();
        int n = y.length;
        double[] z = new double[n];                                     // z[t] for t >= SEASON
        for (int t = SEASON; t < n; t++) z[t] = Math.log(y[t]) - Math.log(y[t - SEASON]);
        int firstTest = n - TEST_MONTHS;
        int firstTarget = SEASON + WINDOW;                              // the first t whose window is all defined
        Dataset train = windows(z, firstTarget, firstTest);
        Model lstm = Model.sequential("airline-lstm").input(Shape.sequence(WINDOW, 1)).seed(seed)
                .lstm(16).lastStep().dense(1).build().compile(Loss.mse(), Optimizer.adam(0.01));
        lstm.fit(train, fit);
        INDArray predicted = lstm.predict(windows(z, firstTest, n).features());
        double[] actual = new double[TEST_MONTHS], forecast = new double[TEST_MONTHS], naive = new double[TEST_MONTHS];
        for (int i = 0; i < TEST_MONTHS; i++) {
            int t = firstTest + i;
            actual[i] = y[t];
            naive[i] = y[t - SEASON];
            forecast[i] = y[t - SEASON] * Math.exp(predicted.getDouble(i, 0) / SCALE);
        }
        return new Forecast(actual, forecast, naive, rmse(actual, forecast), rmse(actual, naive));
    }

    /** Windows z[t - WINDOW .. t - 1] (scaled) with target z[t], for t in [from, to). */
    private static Dataset windows(double[] z, int from, int to) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, to - from, WINDOW, 1);
        INDArray target = Nd4j.zeros(DataType.FLOAT, to - from, 1);
        for (int t = from; t < to; t++) {
            for (int k = 0; k < WINDOW; k++) x.putScalar(new long[] {t - from, k, 0}, SCALE * z[t - WINDOW + k]);
            target.putScalar(t - from, 0, SCALE * z[t]);
        }
        return Dataset.of(x, target);
    }

    /** Root mean squared error sqrt(mean (a - f)^2). */
    public static double rmse(double[] actual, double[] forecast) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) sum += (actual[i] - forecast[i]) * (actual[i] - forecast[i]);
        return Math.sqrt(sum / actual.length);
    }

    @Override
    public void run(RecipeContext ctx) {
        Forecast f = forecast(ctx.fit(150).batchSize(16), 1);
        ctx.printf("held-out %d months, one step ahead: LSTM RMSE %.1f thousand passengers, seasonal naive %.1f%n",
                TEST_MONTHS, f.lstmRmse(), f.naiveRmse());
        double[] months = new double[TEST_MONTHS];
        for (int i = 0; i < TEST_MONTHS; i++) months[i] = i + 1;
        ctx.save(Chart.lines("Airline passengers, last " + TEST_MONTHS + " months", "month", "thousands")
                .series("actual", months, f.actual()).series("LSTM", months, f.lstm())
                .series("seasonal naive", months, f.seasonalNaive()), "forecast.png");
    }
}
