package io.neurite.recipes.unit3;

import io.neurite.basics.GradientsThroughTime;
import io.neurite.basics.GradientsThroughTime.Cell;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;

/**
 * Vanishing gradients through time: ||dL/dh_t|| against t for a simple RNN and an LSTM of the same size, same inputs,
 * loss at the last step ({@link GradientsThroughTime}), averaged over a few random draws, on a log scale.
 */
public final class VanishingGradients implements Recipe {
    public static final int UNITS = 32;
    public static final int STEPS = 50;
    public static final int DRAWS = 5;

    @Override public String name() { return "vanishing-gradients"; }

    @Override public int unit() { return 3; }

    @Override
    public String description() {
        return "the norm of dL/dh_t against t for a simple RNN and an LSTM: how far back the loss reaches";
    }

    /** Geometric mean over draws 1..{@code draws} of ||dL/dh_t||, t = 1..steps. */
    public static double[] meanNorms(Cell cell, int units, int steps, int draws) {
        double[] logSum = new double[steps];
        for (int d = 1; d <= draws; d++) {
            double[] n = GradientsThroughTime.norms(cell, units, steps, d);
            for (int t = 0; t < steps; t++) logSum[t] += Math.log(n[t]) / draws;
        }
        for (int t = 0; t < steps; t++) logSum[t] = Math.exp(logSum[t]);
        return logSum;
    }

    @Override
    public void run(RecipeContext ctx) {
        double[] steps = new double[STEPS];
        for (int t = 0; t < STEPS; t++) steps[t] = t + 1;
        Chart chart = Chart.lines("||dL/dh_t||, loss at step " + STEPS + " (" + UNITS + " units, mean of " + DRAWS + " draws)",
                "step t", "||dL/dh_t||").logY();
        for (Cell cell : Cell.values()) {
            double[] n = meanNorms(cell, UNITS, STEPS, DRAWS);
            ctx.printf("%-10s ||dL/dh_t|| at t = %d, %d, %d, 1: %.3g, %.3g, %.3g, %.3g%n", cell, STEPS, STEPS - 10,
                    STEPS - 30, n[STEPS - 1], n[STEPS - 11], n[STEPS - 31], n[0]);
            chart.series(cell.name(), steps, n);
        }
        ctx.save(chart, "gradient-norms.png");
    }
}
