package io.neurite.recipes.unit1;

import io.neurite.core.Activation;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each activation g and its derivative g', as computed by the layers that train with them. */
public final class Activations implements Recipe {
    /** PReLU is a leaky ReLU whose slope is learned; it is drawn at a typical starting slope. */
    static final double PRELU_SLOPE = 0.25;

    @Override public String name() { return "activations"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "binary step, linear, sigmoid, tanh, ReLU, leaky ReLU, PReLU and softmax: values and derivatives";
    }

    /** The activations plotted, with display names. */
    static List<Named> all() {
        return List.of(new Named("binary step", Activation.binaryStep()), new Named("linear", Activation.linear()),
                new Named("sigmoid", Activation.sigmoid()), new Named("tanh", Activation.tanh()),
                new Named("ReLU", Activation.relu()), new Named("leaky ReLU (0.1)", Activation.leakyRelu(0.1)),
                new Named("PReLU (a = " + PRELU_SLOPE + ")", Activation.leakyRelu(PRELU_SLOPE)));
    }

    @Override
    public void run(RecipeContext ctx) {
        double[] x = new double[201];
        for (int i = 0; i < x.length; i++) x[i] = -5 + 0.05 * i;
        INDArray in = Nd4j.createFromArray(x).castTo(DataType.DOUBLE);
        Chart values = Chart.lines("Activation functions g(x)", "x", "g(x)");
        Chart slopes = Chart.lines("Their derivatives g'(x)", "x", "g'(x)");
        double[] probe = {-2, -1, 0, 1, 2};
        INDArray probes = Nd4j.createFromArray(probe).castTo(DataType.DOUBLE);
        ctx.printf("%-18s %s%n", "", "g(x), g'(x) at x = -2, -1, 0, 1, 2");
        for (Named a : all()) {
            values.series(a.name(), x, a.g().apply(in).toDoubleVector());
            slopes.series(a.name(), x, a.g().derivative(in).toDoubleVector());
            ctx.printf("%-18s g  %s%n", a.name(), format(a.g().apply(probes).toDoubleVector()));
            ctx.printf("%-18s g' %s%n", "", format(a.g().derivative(probes).toDoubleVector()));
        }
        double maxSigmoidSlope = Activation.sigmoid().derivative(in).maxNumber().doubleValue();
        ctx.printf("sigmoid'(x) = sigmoid(x)(1 - sigmoid(x)) peaks at x = 0 with %.4f: each sigmoid layer scales"
                + " gradients by at most 1/4%n", maxSigmoidSlope);
        INDArray logits = Nd4j.createFromArray(new double[][] {{1, 2, 3}});
        ctx.printf("softmax([1, 2, 3]) = %s (sums to 1: class probabilities)%n",
                format(Activation.softmax().apply(logits).toDoubleVector()));
        ctx.save(values, "activations.png");
        ctx.save(slopes, "activation-derivatives.png");
    }

    private static String format(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(String.format("%7.4f", v[i]));
        return sb.append(']').toString();
    }

    record Named(String name, Activation g) { }
}
