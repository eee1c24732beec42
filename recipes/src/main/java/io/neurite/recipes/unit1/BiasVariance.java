package io.neurite.recipes.unit1;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.FashionMnist;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.model.Sequential;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.EarlyStopping;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Bias and variance, measured on Fashion-MNIST with one-hidden-layer MLPs (784 -> width -> 10, ReLU, Adam 1e-3,
 * batch {@value #BATCH_SIZE}). Training error estimates the bias (how badly the model fits the data it sees);
 * validation error minus training error estimates the variance (how much worse it does on new data). A model is in the
 * high-bias regime when its training error is the larger of the two parts and high-variance otherwise. Three
 * experiments: a learning curve (error against training-set size), error against model size (hidden width), and the
 * lecture's remedies applied to one model of each regime: for high bias a bigger model, longer training and less
 * regularization; for high variance more data, L2 regularization and early stopping.
 *
 * <p>Data: training images come from the first {@value #POOL} of the mini's 2,000; the last 500 of its training part
 * decide when early stopping stops; the 500 test images are the validation set every error is measured on.
 */
public final class BiasVariance implements Recipe {
    public static final int BATCH_SIZE = 32;
    /** Training images any experiment draws from (the first ones of the mini's training part). */
    public static final int POOL = 1500;
    /** Training-set sizes of the learning curve. */
    public static final int[] SIZES = {25, 50, 100, 200, 500, 1000, 1500};
    /** Hidden widths of the model-size curve. */
    public static final int[] WIDTHS = {1, 2, 4, 8, 32, 128, 512};
    /** Gradient steps of every learning-curve and model-size run, whatever the training-set size. */
    public static final int STEPS = 500;

    /**
     * One training setup: hidden {@code width}, L2 penalty {@code l2} on both weight matrices, {@code dropout} rate on
     * the hidden layer (0 for none), {@code trainSize} images, {@code epochs}, and whether early stopping (patience 5 on
     * the stopping set's loss, best weights restored) watches it.
     */
    public record Setup(String label, int width, double l2, double dropout, int trainSize, int epochs,
                        boolean earlyStopping) { }

    /**
     * Training and validation error of one setup, in [0, 1], and the data losses (cross-entropy in inference mode, no
     * penalty) on both.
     */
    public record Point(Setup setup, double trainError, double valError, double trainLoss, double valLoss) {
        /** The bias estimate: the error on the training data. */
        public double bias() { return trainError; }

        /** The variance estimate: how much worse on new data, validation minus training error. */
        public double variance() { return valError - trainError; }

        /** Validation minus training loss: the variance as the loss sees it (confidence as well as mistakes). */
        public double lossGap() { return valLoss - trainLoss; }

        /** "high bias" when the training error is the larger part of the validation error, else "high variance". */
        public String regime() { return bias() >= variance() ? "high bias" : "high variance"; }
    }

    /** A remedy: the model before and after the change. */
    public record Remedy(String name, Point before, Point after) { }

    /** A high-bias model too small for the task: 2 hidden units, 32 epochs (512 steps) on 500 images. */
    public static final Setup TOO_SMALL = new Setup("2 units", 2, 0, 0, 500, 32, false);
    /** A high-bias model trained too briefly: 128 units, 1 epoch (16 steps) on 500 images. */
    public static final Setup TOO_SHORT = new Setup("128 units, 1 epoch", 128, 0, 0, 500, 1, false);
    /** A high-bias model regularized too hard: 128 units, L2 1, 32 epochs (512 steps) on 500 images. */
    public static final Setup TOO_REGULARIZED = new Setup("128 units, L2 1", 128, 1, 0, 500, 32, false);
    /** A high-variance model: 512 hidden units, 60 epochs (240 steps), on 100 images. */
    public static final Setup OVERFIT = new Setup("512 units, 100 images", 512, 0, 0, 100, 60, false);

    @Override public String name() { return "bias-variance"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "learning curves and error vs model size, each model's regime (high bias or variance) and the lecture's"
                + " remedies measured";
    }

    /** The mini: training pool, early-stopping set and validation set. */
    public record Data(Dataset pool, Dataset stopping, Dataset validation) { }

    public static Data data() {
        TrainTest all = FashionMnist.mini();
        return new Data(all.train().take(POOL), all.train().slice(POOL, all.train().size()), all.test());
    }

    /** Epochs that make {@value #STEPS} steps of {@value #BATCH_SIZE} over {@code examples} images (at least 1). */
    public static int epochsFor(int examples) {
        int perEpoch = (examples + BATCH_SIZE - 1) / BATCH_SIZE;
        return Math.max(1, (int) Math.round((double) STEPS / perEpoch));
    }

    /** Trains {@code s} on the first {@code s.trainSize()} pool images and measures both errors. */
    public static Point measure(Setup s, Data data, double epochsScale) {
        if (s.trainSize() > data.pool().size()) {
            throw new IllegalArgumentException(s.label() + ": " + s.trainSize() + " training images asked for but the"
                    + " pool has " + data.pool().size());
        }
        Sequential m = Model.sequential("bias-variance").input(Shape.vector(784)).seed(42).dense(s.width()).relu();
        if (s.l2() > 0) m = m.l2(s.l2());
        if (s.dropout() > 0) m = m.dropout(s.dropout());
        m = m.dense(10);
        if (s.l2() > 0) m = m.l2(s.l2());
        Model model = m.softmax().build().compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
        Dataset train = data.pool().take(s.trainSize());
        Fit fit = Fit.epochs((int) Math.max(1, Math.round(s.epochs() * epochsScale))).batchSize(BATCH_SIZE).quiet();
        if (s.earlyStopping()) {
            fit = fit.validation(data.stopping()).callbacks(EarlyStopping.on("val_loss").patience(5).restoreBest());
        }
        model.fit(train, fit);
        return new Point(s, 1 - model.evaluate(train).accuracy(), 1 - model.evaluate(data.validation()).accuracy(),
                model.loss(train), model.loss(data.validation()));
    }

    /** The learning curve of a {@code width}-unit model: one point per training-set size, {@link #STEPS} steps each. */
    public static List<Point> learningCurve(int width, int[] sizes, Data data, double epochsScale) {
        List<Point> points = new ArrayList<>();
        for (int n : sizes) {
            points.add(measure(new Setup(n + " images", width, 0, 0, n, epochsFor(n), false), data, epochsScale));
        }
        return points;
    }

    /** Error against hidden width on {@code trainSize} images, {@link #STEPS} steps each. */
    public static List<Point> modelSizeCurve(int[] widths, int trainSize, Data data, double epochsScale) {
        List<Point> points = new ArrayList<>();
        for (int w : widths) {
            points.add(measure(new Setup(w + " units", w, 0, 0, trainSize, epochsFor(trainSize), false), data,
                    epochsScale));
        }
        return points;
    }

    /**
     * The lecture's remedies for high bias, each applied to the model whose cause it addresses: a bigger model (128
     * units) for {@link #TOO_SMALL}, longer training (32 epochs) for {@link #TOO_SHORT}, less regularization (no L2)
     * for {@link #TOO_REGULARIZED}.
     */
    public static List<Remedy> biasRemedies(Data data, double epochsScale) {
        Point big = measure(new Setup("128 units", 128, 0, 0, 500, 32, false), data, epochsScale);
        return List.of(
                new Remedy("bigger model: 2 -> 128 units", measure(TOO_SMALL, data, epochsScale), big),
                new Remedy("train longer: 1 -> 32 epochs", measure(TOO_SHORT, data, epochsScale), big),
                new Remedy("less regularization: L2 1 -> 0", measure(TOO_REGULARIZED, data, epochsScale), big));
    }

    /**
     * The lecture's remedies for high variance, each applied alone to {@link #OVERFIT}: more data (1,500 images for 5
     * epochs, about the same 240 steps), regularization (dropout 0.5 on the hidden layer; L2 0.01) and early stopping.
     */
    public static List<Remedy> varianceRemedies(Data data, double epochsScale) {
        Point o = measure(OVERFIT, data, epochsScale);
        return List.of(
                new Remedy("more data: 100 -> 1,500 images", o,
                        measure(new Setup("1,500 images", 512, 0, 0, POOL, 5, false), data, epochsScale)),
                new Remedy("regularization: dropout 0.5", o,
                        measure(new Setup("dropout 0.5", 512, 0, 0.5, 100, 60, false), data, epochsScale)),
                new Remedy("regularization: L2 0.01", o,
                        measure(new Setup("L2 0.01", 512, 0.01, 0, 100, 60, false), data, epochsScale)),
                new Remedy("early stopping (patience 5)", o,
                        measure(new Setup("early stopping", 512, 0, 0, 100, 60, true), data, epochsScale)));
    }

    @Override
    public void run(RecipeContext ctx) {
        Data data = data();
        double scale = ctx.epochsScale();
        ctx.printf("Fashion-MNIST: training images from the first %d of the mini, errors on its %d test images;"
                + " bias = training error, variance = validation minus training error%n", POOL,
                data.validation().size());

        ctx.println("\n1. learning curve, 128 hidden units, " + STEPS + " steps per run");
        List<Point> curve = learningCurve(128, SIZES, data, scale);
        table(ctx, curve);
        ctx.println("The training error rises with more data (fewer images are easy to memorize), the validation error"
                + " falls, and the gap between them (the variance) closes.");

        ctx.println("\n2. error against model size, 500 images, " + STEPS + " steps per run");
        List<Point> sizes = modelSizeCurve(WIDTHS, 500, data, scale);
        table(ctx, sizes);
        ctx.println("Tiny models cannot fit even the training images (high bias); wide ones fit them perfectly and the"
                + " validation error is all gap (high variance).");

        ctx.println("\n3. remedies for high bias, each for the model whose cause it addresses");
        remedies(ctx, biasRemedies(data, scale));
        ctx.println("Each remedy cures the bias it is meant for, and the cured 128-unit model, which fits its 500 images"
                + " perfectly, is now in the high-variance regime: the next problem to work on.");
        ctx.println("\n4. remedies for high variance, each alone on " + OVERFIT.label() + ", " + OVERFIT.epochs()
                + " epochs");
        remedies(ctx, varianceRemedies(data, scale));
        ctx.println("More data is the remedy that works here: the gap shrinks by two thirds and the validation error"
                + " falls. Dropout, L2 and early stopping shrink the loss gap (less confident mistakes) but barely move"
                + " the error; L2 even raises it. With 100 images the variance is mostly missing information, which no"
                + " regularizer can supply.");

        ctx.save(errorChart("Learning curve: 128 hidden units", "training images", curve, SIZES),
                "bias-variance-learning-curve.png");
        ctx.save(errorChart("Error against model size: 500 images", "hidden units", sizes, WIDTHS),
                "bias-variance-model-size.png");
    }

    private static Chart errorChart(String title, String xTitle, List<Point> points, int[] xs) {
        double[] x = new double[xs.length];
        for (int i = 0; i < xs.length; i++) x[i] = Math.log10(xs[i]);
        return Chart.lines(title, "log10 " + xTitle, "error")
                .series("training error (bias)", x, points.stream().mapToDouble(Point::trainError).toArray())
                .series("validation error", x, points.stream().mapToDouble(Point::valError).toArray());
    }

    private static void table(RecipeContext ctx, List<Point> points) {
        ctx.printf("%-14s %10s %10s %10s  %s%n", "", "train err", "val err", "variance", "regime");
        for (Point p : points) {
            ctx.printf("%-14s %9.1f%% %9.1f%% %9.1f%%  %s%n", p.setup().label(), 100 * p.trainError(),
                    100 * p.valError(), 100 * p.variance(), p.regime());
        }
    }

    private static void remedies(RecipeContext ctx, List<Remedy> remedies) {
        ctx.printf("%-32s %-22s %9s %9s %9s %9s  %s%n", "remedy", "model", "train err", "val err", "variance",
                "loss gap", "regime");
        for (Remedy r : remedies) {
            for (Point p : List.of(r.before(), r.after())) {
                ctx.printf("%-32s %-22s %8.1f%% %8.1f%% %8.1f%% %9.3f  %s%n", p == r.before() ? r.name() : "",
                        p.setup().label(), 100 * p.trainError(), 100 * p.valError(), 100 * p.variance(), p.lossGap(),
                        p.regime());
            }
        }
    }
}
