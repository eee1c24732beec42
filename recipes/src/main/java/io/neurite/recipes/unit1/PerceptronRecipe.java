package io.neurite.recipes.unit1;

import io.neurite.basics.Perceptron;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import java.util.List;

/**
 * Rosenblatt's perceptron on the logic gates and on "will I pass this class?". Training epochs are not scaled: the
 * whole recipe takes milliseconds, and XOR must visibly fail for the full count.
 */
public final class PerceptronRecipe implements Recipe {
    static final double[][] GATE_INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final int[] AND = {0, 0, 0, 1};
    static final int[] OR = {0, 1, 1, 1};
    static final int[] XOR = {0, 1, 1, 0};
    static final int GATE_EPOCHS = 20;

    /** Lectures attended (of 20) and hours spent on the project, for 14 past students. */
    static final double[][] STUDENTS = {
        {18, 12}, {15, 14}, {20, 8}, {12, 16}, {16, 10}, {19, 15}, {14, 13},
        {4, 3}, {8, 5}, {10, 2}, {6, 9}, {3, 12}, {11, 6}, {9, 8}};
    /** 1 = passed. */
    static final int[] PASSED = {1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};

    @Override public String name() { return "perceptron"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "the perceptron learning rule learns AND and OR, never converges on XOR; \"will I pass this class?\"";
    }

    @Override
    public void run(RecipeContext ctx) {
        ctx.println("Perceptron: predicted = step(w . x + b); on a mistake w <- w + eta (target - predicted) x, b likewise"
                + " (eta = 0.1, w and b start at 0)");
        Chart errors = Chart.lines("Perceptron: misclassified examples per epoch", "epoch", "errors");
        for (var gate : List.of(new Gate("AND", AND), new Gate("OR", OR), new Gate("XOR", XOR))) {
            Perceptron.Training t = new Perceptron(2, 0.1).train(GATE_INPUTS, gate.targets(), GATE_EPOCHS);
            ctx.printf("%-3s %s%n", gate.name(), t);
            double[] x = new double[t.epochs()];
            double[] y = new double[t.epochs()];
            for (int e = 0; e < x.length; e++) {
                x[e] = e + 1;
                y[e] = t.errorsPerEpoch().get(e);
            }
            errors.series(gate.name(), x, y);
        }
        ctx.println("XOR is not linearly separable: no line puts (0,1) and (1,0) on one side and (0,0), (1,1) on the"
                + " other, so some example is always wrong and the weights cycle forever.");
        ctx.save(errors, "perceptron-errors.png");

        Perceptron student = new Perceptron(2, 0.1);
        Perceptron.Training t = student.train(STUDENTS, PASSED, 1000);
        ctx.printf("%nWill I pass this class? (lectures attended, project hours) for %d past students: %s%n",
                STUDENTS.length, t.converged() ? "converged after " + t.epochs() + " epochs" : "did not converge");
        double[] w = student.weights();
        double b = student.bias();
        ctx.printf("learned rule: pass if %.2f * lectures + %.2f * hours + %.2f >= 0%n", w[0], w[1], b);
        for (double[] me : new double[][] {{17, 11}, {7, 6}, {13, 9}}) {
            ctx.printf("  %2.0f lectures, %2.0f hours -> %s%n", me[0], me[1], student.predict(me) == 1 ? "pass" : "fail");
        }
        ctx.save(passPlot(w, b), "perceptron-pass-class.png");
    }

    private static Chart passPlot(double[] w, double b) {
        Chart chart = Chart.lines("Will I pass this class? Perceptron decision boundary", "lectures attended",
                "project hours");
        for (int label : new int[] {1, 0}) {
            long n = java.util.Arrays.stream(PASSED).filter(p -> p == label).count();
            double[] x = new double[(int) n];
            double[] y = new double[(int) n];
            int k = 0;
            for (int i = 0; i < STUDENTS.length; i++) {
                if (PASSED[i] == label) {
                    x[k] = STUDENTS[i][0];
                    y[k++] = STUDENTS[i][1];
                }
            }
            chart.points(label == 1 ? "passed" : "failed", x, y);
        }
        // boundary w0 x + w1 y + b = 0, i.e. y = -(w0 x + b) / w1
        double[] bx = {0, 21};
        double[] by = {-(w[0] * bx[0] + b) / w[1], -(w[0] * bx[1] + b) / w[1]};
        chart.series("boundary w . x + b = 0", bx, by);
        return chart;
    }

    private record Gate(String name, int[] targets) { }
}
