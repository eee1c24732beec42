package io.neurite.recipes.unit3;

import io.neurite.model.Model;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;

/**
 * A deep RNN against a single layer on the same task, the sunspot forecast: one LSTM of 32 units against two stacked
 * LSTMs of 32 (the first returns every step, the second reads them), same data, same training, several seeds, the
 * held-out RMSE of each as mean and standard deviation. Stacking is a choice to test, not a rule: whether the second
 * layer pays depends on how much structure the task has left for it.
 */
public final class DeepRnn implements Recipe {
    @Override public String name() { return "deep-rnn"; }

    @Override public int unit() { return 3; }

    @Override
    public String description() {
        return "one LSTM layer against two stacked on the sunspot forecast, over several seeds: held-out RMSE";
    }

    /** Held-out RMSE per seed of each model, and their parameter counts. */
    public record Comparison(double[] oneLayer, double[] stacked, long oneLayerParams, long stackedParams,
                             double persistenceRmse) {
        public double oneLayerMean() { return mean(oneLayer); }

        public double stackedMean() { return mean(stacked); }
    }

    /** Two stacked LSTM layers of 32 units. */
    public static Model stacked(long seed) {
        return SunspotsForecast.model("sunspots-stacked-lstm", seed, chain -> chain.lstm(32).lstm(32));
    }

    /** Trains both models with {@code fit} for each of {@code seeds} seeds (1, 2, ...). */
    public static Comparison compare(Fit fit, int seeds) {
        double[] one = new double[seeds], two = new double[seeds];
        double persistence = 0;
        long oneParams = 0, twoParams = 0;
        for (int s = 0; s < seeds; s++) {
            Model a = SunspotsForecast.oneLayer(s + 1), b = stacked(s + 1);
            oneParams = a.paramCount();
            twoParams = b.paramCount();
            var fa = SunspotsForecast.forecast(a, fit.seed(s + 1));
            one[s] = fa.modelRmse();
            persistence = fa.persistenceRmse();
            two[s] = SunspotsForecast.forecast(b, fit.seed(s + 1)).modelRmse();
        }
        return new Comparison(one, two, oneParams, twoParams, persistence);
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) sum += x;
        return sum / v.length;
    }

    static double std(double[] v) {
        double m = mean(v), sum = 0;
        for (double x : v) sum += (x - m) * (x - m);
        return v.length > 1 ? Math.sqrt(sum / (v.length - 1)) : 0;
    }

    @Override
    public void run(RecipeContext ctx) {
        int seeds = 3;
        Comparison c = compare(ctx.fit(60).batchSize(16), seeds);
        ctx.printf("held-out RMSE over %d seeds (persistence %.1f):%n", seeds, c.persistenceRmse());
        ctx.printf("  one LSTM layer   %,6d parameters: %.1f +- %.1f%n", c.oneLayerParams(), c.oneLayerMean(), std(c.oneLayer()));
        ctx.printf("  two LSTM layers  %,6d parameters: %.1f +- %.1f%n", c.stackedParams(), c.stackedMean(), std(c.stacked()));
        double[] seedAxis = new double[seeds];
        for (int s = 0; s < seeds; s++) seedAxis[s] = s + 1;
        ctx.save(Chart.lines("Sunspots: held-out RMSE per seed", "seed", "RMSE")
                .points("one LSTM layer", seedAxis, c.oneLayer()).points("two stacked LSTM layers", seedAxis, c.stacked()),
                "rmse-per-seed.png");
    }
}
