package io.neurite.recipes.unit1;

import io.neurite.basics.ComputationalGraphs;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.util.SameDiffQuiet;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/** The course's computational graphs, evaluated forward and differentiated backward by SameDiff. */
public final class Autodiff implements Recipe {
    @Override public String name() { return "autodiff"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "computational graphs e = (a + b)(b + 1) and f = x1 x2 + sin(x1): values and partial derivatives by"
                + " reverse-mode autodiff";
    }

    @Override
    public void run(RecipeContext ctx) {
        double a = 2, b = 1;
        var e = ComputationalGraphs.productOfSums(a, b);
        ctx.printf("e = (a + b)(b + 1) at a = %.0f, b = %.0f, node by node:%n%s", a, b, e.render());
        ctx.printf("by hand: de/da = b + 1 = %.0f, de/db = a + 2b + 1 = %.0f%n%n", b + 1, a + 2 * b + 1);

        double x1 = 2, x2 = 3;
        var f = ComputationalGraphs.productPlusSine(x1, x2);
        ctx.printf("f = x1 x2 + sin(x1) at x1 = %.0f, x2 = %.0f, node by node:%n%s", x1, x2, f.render());
        ctx.printf("by hand: df/dx1 = x2 + cos(x1) = %.4f (x1 reaches f along two paths), df/dx2 = x1 = %.0f%n",
                x2 + Math.cos(x1), x1);

        int points = 41;
        double[] xs = new double[points];
        double[] formula = new double[points];
        for (int i = 0; i < points; i++) {
            xs[i] = -2 * Math.PI + 4 * Math.PI * i / (points - 1);
            formula[i] = 1 + Math.cos(xs[i]);
        }
        double[] autodiff = sweep(xs, 1);
        Chart chart = Chart.lines("df/dx1 of f = x1 x2 + sin(x1) at x2 = 1", "x1", "df/dx1");
        chart.series("autodiff (SameDiff, one backward pass)", xs, autodiff).series("formula x2 + cos(x1)", xs, formula);
        double worst = 0;
        for (int i = 0; i < points; i++) worst = Math.max(worst, Math.abs(autodiff[i] - formula[i]));
        ctx.printf("over %d points in [-2 pi, 2 pi]: largest |autodiff - formula| = %.2e%n", points, worst);
        ctx.save(chart, "autodiff-df-dx1.png");
    }

    /**
     * df/dx1 at many x1 in one backward pass: x1 is a vector, F = sum_i (x1_i x2 + sin(x1_i)), and since each term
     * depends on its own x1_i only, dF/dx1_i = df/dx1 at x1_i.
     */
    static double[] sweep(double[] x1, double x2) {
        SameDiff sd = SameDiff.create();
        SDVariable v1 = sd.var("x1", Nd4j.createFromArray(x1));
        SDVariable v2 = sd.constant("x2", Nd4j.scalar(x2));
        v1.mul(v2).add(sd.math().sin(v1)).sum("F");
        sd.setLossVariables("F");
        return SameDiffQuiet.call(() -> sd.calculateGradients(Map.of(), "x1")).get("x1").toDoubleVector();
    }
}
