package io.neurite.recipes.unit2;

import io.neurite.data.FashionMnist;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.stream.IntStream;

/**
 * Every reduced architecture of the zoo trained the same way on Fashion-MNIST (28x28x1, 10 classes), as Dive into
 * Deep Learning does chapter by chapter: Adam(3e-3), batches of 64, {@value #EPOCHS} epochs as written; prints each
 * one's parameters, training speed and test accuracy and plots test accuracy per epoch for all of them.
 */
public final class ReducedZoo implements Recipe {
    /** Epochs as written. */
    public static final int EPOCHS = 2;

    /** One architecture's outcome: parameters, training samples per second, per-epoch history, final test accuracy. */
    public record Row(String name, long params, double samplesPerSecond, History history, double accuracy) { }

    @Override public String name() { return "zoo-fashion"; }

    @Override public int unit() { return 2; }

    @Override
    public String description() {
        return "every reduced zoo architecture trained on Fashion-MNIST: parameters, samples/s and test accuracy";
    }

    @Override public boolean hasFullData() { return true; }

    /** Trains {@code entry}'s model on {@code data.train()} with {@code fit}, scoring {@code data.test()} each epoch. */
    public static Row train(Architectures.Entry entry, TrainTest data, Fit fit) {
        Model model = entry.model().get().compile(Loss.crossEntropy(), Optimizer.adam(3e-3));
        long start = System.nanoTime();
        History history = model.fit(data.train(), fit.batchSize(64).validation(data.test()));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Row(entry.name(), model.paramCount(), history.epochs() * data.train().size() / seconds, history,
                model.evaluate(data.test()).accuracy());
    }

    @Override
    public void run(RecipeContext ctx) {
        TrainTest data = FashionMnist.load(ctx.dataSize()).asImages(28, 28, 1);
        int epochs = ctx.epochs(EPOCHS);
        ctx.printf("Fashion-MNIST: %d training and %d test images; each model %d epochs of Adam(3e-3), batch 64%n",
                data.train().size(), data.test().size(), epochs);
        ctx.printf("%-20s %10s %10s %14s%n", "architecture", "params", "samples/s", "test accuracy");
        Chart chart = Chart.lines("Reduced architectures on Fashion-MNIST", "epoch", "test accuracy");
        for (Architectures.Entry entry : Architectures.REDUCED) {
            Row row = train(entry, data, ctx.fit(EPOCHS).quiet());
            ctx.printf("%-20s %,10d %10.0f %13.1f%%%n", row.name(), row.params(), row.samplesPerSecond(),
                    100 * row.accuracy());
            double[] x = IntStream.rangeClosed(1, row.history().epochs()).asDoubleStream().toArray();
            chart.series(row.name(), x, row.history().metric("val_accuracy"));
        }
        ctx.save(chart, "zoo-fashion.png");
    }
}
