package io.neurite.recipes.unit3;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.model.Model;
import io.neurite.model.Pass;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Exploding gradients through time and gradient clipping. A simple RNN reads {@link #STEPS} values drawn from U(-1, 1)
 * and must output the first one at the end, so the loss reaches back through every step; plain SGD at rate
 * {@link #RATE}, the same start and the same batches, three ways: unclipped, {@code clipValue} and {@code clipNorm}. The
 * gradient's norm ||g||_2 is read before each step ({@link Pass#gradientNorm}); once the recurrence learns to carry the
 * first value, a step onto the loss surface's cliff makes it jump by orders of magnitude, and unclipped SGD takes that
 * step whole and diverges. Predicting 0 scores E[x_1^2] = 1/3.
 */
public final class ExplodingGradients implements Recipe {
    /** Values per sequence: the distance the first one must be carried. */
    public static final int STEPS = 30;
    public static final int UNITS = 32;
    public static final double RATE = 0.1;
    public static final int BATCH = 32;
    /** Training steps (mini-batches) of each run. */
    public static final int TRAINING_STEPS = 300;

    @Override public String name() { return "exploding-gradients"; }

    @Override public int unit() { return 3; }

    @Override
    public String description() {
        return "a simple RNN carrying a value over 30 steps with SGD: unclipped it diverges, clipped by value or norm it "
                + "trains; loss and gradient norm per step";
    }

    /** {@code n} sequences [n, STEPS, 1] of U(-1, 1) values, each labelled with its first value [n, 1]. */
    public static Dataset firstValueTask(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, STEPS, 1).muli(2).subi(1);
        INDArray first = x.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(0)).dup().reshape(n, 1);
        return Dataset.of(x, first);
    }

    /** A simple RNN whose last step feeds one linear output, trained on the mean squared error with {@code optimizer}. */
    public static Model model(Optimizer optimizer) {
        return Model.sequential("rnn-first-value").input(Shape.sequence(STEPS, 1)).seed(1)
                .simpleRnn(UNITS).lastStep().dense(1)
                .build().compile(Loss.mse(), optimizer);
    }

    /**
     * One run: the training loss and the gradient norm before each step (cut after the first non-finite loss, when
     * the weights are lost), the largest norm, and the held-out loss (NaN when it diverged).
     */
    public record Run(String name, double[] loss, double[] gradientNorm, double heldOutLoss) {
        public boolean diverged() { return !Double.isFinite(loss[loss.length - 1]); }

        public double maxGradientNorm() { return Arrays.stream(gradientNorm).max().orElse(Double.NaN); }

        /** Mean training loss of the last {@code k} steps (NaN after a divergence). */
        public double finalLoss(int k) {
            return Arrays.stream(loss, Math.max(0, loss.length - k), loss.length).average().orElse(Double.NaN);
        }
    }

    /** Trains {@link #model} with {@code optimizer} for {@code steps} mini-batches of {@code train}, in order. */
    public static Run train(String name, Optimizer optimizer, int steps, Dataset train, Dataset heldOut) {
        Model m = model(optimizer);
        List<Double> losses = new ArrayList<>(), norms = new ArrayList<>();
        int batches = train.size() / BATCH;
        for (int s = 0; s < steps; s++) {
            Dataset batch = train.slice((s % batches) * BATCH, (s % batches + 1) * BATCH);
            Pass pass = m.forward(batch.features());
            double loss = pass.backward(batch.labels());
            losses.add(loss);
            norms.add(pass.gradientNorm());
            if (!Double.isFinite(loss)) break;
            pass.update();
        }
        double[] loss = losses.stream().mapToDouble(Double::doubleValue).toArray();
        double[] norm = norms.stream().mapToDouble(Double::doubleValue).toArray();
        boolean diverged = !Double.isFinite(loss[loss.length - 1]);
        return new Run(name, loss, norm, diverged ? Double.NaN : m.loss(heldOut));
    }

    /** The three runs on the same data: no clipping, every value into [-0.1, 0.1], each layer's norm at most 1. */
    public static List<Run> compare(int steps) {
        Dataset train = firstValueTask(512, 1), heldOut = firstValueTask(256, 2);
        return List.of(
                train("no clipping", Optimizer.sgd(RATE), steps, train, heldOut),
                train("clipValue(0.1)", Optimizer.sgd(RATE).clipValue(0.1), steps, train, heldOut),
                train("clipNorm(1)", Optimizer.sgd(RATE).clipNorm(1.0), steps, train, heldOut));
    }

    @Override
    public void run(RecipeContext ctx) {
        List<Run> runs = compare(Math.max(20, (int) Math.round(TRAINING_STEPS * ctx.epochsScale())));
        ctx.printf("carry the first of %d values, simple RNN of %d units, SGD at %.2g, batches of %d; predicting 0 scores"
                + " 0.333%n", STEPS, UNITS, RATE, BATCH);
        ctx.printf("%-16s %8s %16s %18s %14s%n", "clipping", "steps", "largest ||g||", "loss, last 20", "held-out MSE");
        Chart loss = Chart.lines("training loss per step (SGD " + RATE + ")", "step", "MSE").logY();
        Chart norm = Chart.lines("gradient norm before each step", "step", "||g||_2").logY();
        for (Run r : runs) {
            ctx.printf("%-16s %8d %16.3g %18.4g %14.4f%s%n", r.name(), r.loss().length, r.maxGradientNorm(),
                    r.finalLoss(20), r.heldOutLoss(), r.diverged() ? "  (diverged: loss " + r.loss()[r.loss().length - 1] + ")" : "");
            double[] x = new double[r.loss().length];
            for (int s = 0; s < x.length; s++) x[s] = s + 1;
            int finite = 0;   // log axes: the series stop before the first infinite or NaN value
            while (finite < x.length && Double.isFinite(r.loss()[finite]) && Double.isFinite(r.gradientNorm()[finite])) finite++;
            loss.series(r.name(), Arrays.copyOf(x, finite), Arrays.copyOf(r.loss(), finite));
            norm.series(r.name(), Arrays.copyOf(x, finite), Arrays.copyOf(r.gradientNorm(), finite));
        }
        ctx.save(loss, "loss.png");
        ctx.save(norm, "gradient-norm.png");
    }
}
