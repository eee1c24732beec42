package io.neurite.recipes.unit1;

import io.neurite.basics.GradientNorms;
import io.neurite.core.Activation;
import io.neurite.core.Init;
import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Digits;
import io.neurite.model.Model;
import io.neurite.model.Sequential;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.train.Progress;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Initialization and vanishing gradients: per-layer gradient norms of a 10-layer network on a digits batch, for
 * sigmoid and tanh with Xavier and ReLU with He initialization; then why all-zero weights cannot work (symmetry).
 */
public final class Initialization implements Recipe {
    /** Weighted layers in the deep network (9 hidden + the output). */
    public static final int DEPTH = 10;
    public static final int WIDTH = 32;
    static final int SYMMETRY_EPOCHS = 5;

    /** One deep-network setup: the hidden activation and its weight initialization. */
    public record Setup(String label, Activation activation, Init init) { }

    public static List<Setup> setups() {
        return List.of(new Setup("sigmoid, Xavier", Activation.sigmoid(), Init.xavier()),
                new Setup("tanh, Xavier", Activation.tanh(), Init.xavier()),
                new Setup("ReLU, He", Activation.relu(), Init.he()),
                new Setup("sigmoid, zeros", Activation.sigmoid(), Init.zeros()));
    }

    @Override public String name() { return "initialization"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "vanishing gradients: per-layer gradient norms of a 10-layer sigmoid net vs ReLU; zeros vs Xavier vs He";
    }

    /** {@code depth - 1} hidden layers of {@value #WIDTH} units, then a 10-way softmax, all initialized with {@code init}. */
    public static Model deepNet(Activation activation, Init init, int depth) {
        Sequential s = Model.sequential("deep").input(Shape.vector(64)).seed(42);
        for (int i = 1; i < depth; i++) s.dense(WIDTH).init(init).activation(activation).named("hidden" + i);
        return s.dense(10).init(init).softmax().named("output").build()
                .compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
    }

    /** ||dL/dW||_2 per layer, first to last, for one batch through a fresh deep network. */
    public static double[] gradientNorms(Setup setup, int depth, Dataset batch) {
        Map<String, Double> norms = GradientNorms.perLayer(deepNet(setup.activation(), setup.init(), depth), batch);
        return norms.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The first hidden layer's weights [64, units] after training a 2-hidden-layer sigmoid net from {@code init} with
     * SGD; column j holds the incoming weights of unit j.
     */
    public static INDArray firstLayerWeightsAfterTraining(Init init, Dataset train, int epochs) {
        Model m = deepNet(Activation.sigmoid(), init, 3);
        m.fit(train, Fit.epochs(epochs).batchSize(32).progress(Progress.silent()));
        return m.network().getParam("hidden1_W");
    }

    /** The largest difference between any unit's incoming weights and unit 0's: 0 means all units are identical. */
    public static double unitSpread(INDArray weights) {
        return weights.subColumnVector(weights.getColumn(0)).amaxNumber().doubleValue();
    }

    @Override
    public void run(RecipeContext ctx) {
        Dataset digits = Digits.trainTest(42).train();
        Dataset batch = digits.take(256);
        ctx.printf("||dL/dW|| per layer of a %d-layer net (64 -> %d x %d -> 10), one batch of %d digits:%n", DEPTH,
                DEPTH - 1, WIDTH, batch.size());
        Chart chart = Chart.lines("Gradient norm per layer (" + DEPTH + " layers)", "layer (1 = first)", "||dL/dW||");
        double[] layer = new double[DEPTH];
        for (int i = 0; i < DEPTH; i++) layer[i] = i + 1;
        for (Setup s : setups()) {
            double[] norms = gradientNorms(s, DEPTH, batch);
            StringBuilder line = new StringBuilder();
            for (double n : norms) line.append(String.format(" %8.1e", n));
            ctx.printf("  %-16s%s   first/last = %.1e%n", s.label(), line, norms[0] / norms[DEPTH - 1]);
            if (!s.init().name().equals("zeros")) chart.series(s.label(), layer, norms);
        }
        ctx.println("Sigmoid's slope is at most 1/4, so each layer shrinks the gradient: the first layers barely learn."
                + " ReLU (slope 1) with He's variance 2/fanIn keeps it steady. All-zero weights pass no gradient"
                + " back at all.");
        ctx.save(chart.logY(), "initialization-gradient-norms.png");

        int epochs = ctx.epochs(SYMMETRY_EPOCHS);
        for (Init init : new Init[] {Init.zeros(), Init.xavier()}) {
            INDArray w = firstLayerWeightsAfterTraining(init, digits, epochs);
            ctx.printf("after %d epochs from %-6s init: largest |W1| %.2e, largest difference between hidden units %.2e%n",
                    epochs, init, w.amaxNumber().doubleValue(), unitSpread(w));
        }
        ctx.println("From zeros every hidden unit computes and learns the same thing (symmetry): "
                + WIDTH + " units are worth one. Random initialization breaks the symmetry.");
    }
}
