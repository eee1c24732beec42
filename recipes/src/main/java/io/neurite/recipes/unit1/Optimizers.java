package io.neurite.recipes.unit1;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Digits;
import io.neurite.model.Model;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.train.Progress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optimizers on one problem: the same MLP (64 -> 32 tanh -> 10 softmax, same initial weights) on 300 digits, each optimizer for the same number of epochs. Gradient descent, SGD and mini-batch SGD differ only in batch
 * size; the others change the update rule, all at mini-batch 32.
 */
public final class Optimizers implements Recipe {
    public static final int EPOCHS = 15;
    /** Training digits used: enough to show the differences, few enough for batch-size-1 SGD to run quickly. */
    public static final int EXAMPLES = 300;

    /** One optimizer in the comparison; batch size 0 means full batch (one step per epoch). */
    public record Contender(String label, Optimizer optimizer, int batchSize) { }

    /** Loss on the whole training set before training (index 0) and after each epoch, and the training time. */
    public record Curve(double[] loss, double seconds) {
        public double last() { return loss[loss.length - 1]; }
    }

    /** The eight contenders of the lesson. */
    public static List<Contender> contenders() {
        return List.of(
                new Contender("GD (full batch)", Optimizer.gradientDescent(0.05), 0),
                new Contender("SGD (batch 1)", Optimizer.sgd(0.05), 1),
                new Contender("mini-batch SGD (32)", Optimizer.sgd(0.05), 32),
                new Contender("momentum", Optimizer.momentum(0.05, 0.9), 32),
                new Contender("Nesterov", Optimizer.nesterov(0.05, 0.9), 32),
                new Contender("Adagrad", Optimizer.adagrad(0.05), 32),
                new Contender("RMSProp", Optimizer.rmsProp(0.01), 32),
                new Contender("Adam", Optimizer.adam(0.01), 32));
    }

    @Override public String name() { return "optimizers"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "GD, SGD, mini-batch, momentum, Nesterov, Adagrad, RMSProp and Adam: loss curves on one plot";
    }

    /** The model every contender trains, from the same seed. */
    static Model model(Optimizer optimizer) {
        return Model.sequential("optimizers").input(Shape.vector(64)).seed(42)
                .dense(32).tanh()
                .dense(10).softmax()
                .build()
                .compile(Loss.crossEntropy(), optimizer);
    }

    /**
     * Trains one fresh model per contender for {@code epochs} epochs; returns each one's curve by label.
     */
    public static Map<String, Curve> compare(Dataset train, List<Contender> contenders, int epochs) {
        Map<String, Curve> curves = new LinkedHashMap<>();
        for (Contender c : contenders) {
            Model m = model(c.optimizer());
            double initial = m.loss(train);
            // the "validation" data is the training set itself, so val_loss is the full training loss after each epoch
            Fit fit = Fit.epochs(epochs).validation(train).progress(Progress.silent());
            fit = c.batchSize() == 0 ? fit.fullBatch() : fit.batchSize(c.batchSize());
            long start = System.nanoTime();
            History h = m.fit(train, fit);
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] after = h.metric("val_loss");
            double[] curve = new double[after.length + 1];
            curve[0] = initial;
            System.arraycopy(after, 0, curve, 1, after.length);
            curves.put(c.label(), new Curve(curve, seconds));
        }
        return curves;
    }

    @Override
    public void run(RecipeContext ctx) {
        Dataset train = Digits.trainTest(42).train().take(EXAMPLES);
        int epochs = ctx.epochs(EPOCHS);
        ctx.printf("%d training digits, 64 -> 32 tanh -> 10 softmax, %d epochs each%n", train.size(),
                epochs);
        Map<String, Curve> curves = compare(train, contenders(), epochs);
        Chart chart = Chart.lines("Optimizers on the digits MLP: training loss", "epoch", "cross-entropy (training set)");
        double[] x = new double[epochs + 1];
        for (int e = 0; e <= epochs; e++) x[e] = e;
        ctx.printf("%-22s %10s %10s %9s%n", "optimizer", "start", "end", "seconds");
        for (Contender c : contenders()) {
            Curve curve = curves.get(c.label());
            ctx.printf("%-22s %10.4f %10.4f %9.1f   (%s)%n", c.label(), curve.loss()[0], curve.last(), curve.seconds(),
                    c.optimizer());
            chart.series(c.label(), x, curve.loss());
        }
        ctx.println("One full-batch step per epoch barely moves; SGD takes a step per example (many cheap, noisy"
                + " steps, slowest per epoch); momentum and the adaptive methods go further than plain mini-batch SGD"
                + " in the same steps.");
        ctx.save(chart.logY(), "optimizers-loss.png");
    }
}
