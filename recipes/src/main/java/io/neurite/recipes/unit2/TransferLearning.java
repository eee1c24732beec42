package io.neurite.recipes.unit2;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Mnist;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.zoo.ResNet;
import io.neurite.zoo.Zoo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Transfer learning: the zoo's reduced ResNet learns digits 0-4 on all their training images; its convolutional body,
 * frozen, then serves a new 5-way head that learns digits 5-9 from only {@value #PER_CLASS} labelled images each. The
 * same network trained from scratch on the same few images is the baseline. Each of {@value #SEEDS} seeds draws its own
 * labelled images from the 5-9 digits of the mini (train and test parts); every other 5-9 digit (about 1,200) scores
 * both models, so one accuracy is measured to about +-1.3 points (binomial standard error) and the spread over seeds
 * shows how much the draw of labels matters. Each model's learning rate is picked per seed on a validation split of
 * the labelled images only ({@value #FIT_PER_CLASS} per digit fit, the rest score), never on the scored images.
 * A deep network cannot learn its own features from 25 images, so the borrowed ones win by a wide margin (numbers in
 * README). LeNet-5 is the counter-example worth knowing: small enough to learn its filters from 25 images, it gained
 * nothing from the same transfer in the same experiment (from scratch 82.3 +- 4.6%, transferred 77.9 +- 4.8%).
 */
public final class TransferLearning implements Recipe {
    /** Labelled training images per class of the target task. */
    public static final int PER_CLASS = 5;
    /** Labelled images per class that fit during the learning-rate choice; the rest of the labelled ones validate. */
    public static final int FIT_PER_CLASS = 3;
    /** Epochs on the source task (digits 0-4), as written. */
    public static final int SOURCE_EPOCHS = 6;
    /** Epochs on the few target images, as written. */
    public static final int TARGET_EPOCHS = 30;
    /** Draws of the labelled images. */
    public static final int SEEDS = 5;
    /** Learning rates (Adam) tried for each target model, in order; ties go to the first. */
    static final double[] RATES = {1e-3, 3e-3, 1e-2, 3e-2};

    /** One draw of labelled images: its seed, the learning rates picked, and the accuracies on the scored images. */
    public record Trial(long seed, double transferredRate, double scratchRate, double transferred, double scratch) { }

    /** The trials, and the last trial's transferred model. */
    public record Result(List<Trial> trials, Model transferredModel) {
        public double[] transferred() { return trials.stream().mapToDouble(Trial::transferred).toArray(); }

        public double[] scratch() { return trials.stream().mapToDouble(Trial::scratch).toArray(); }

        /** Per-seed accuracy gain of transfer over scratch. */
        public double[] gains() {
            return trials.stream().mapToDouble(t -> t.transferred() - t.scratch()).toArray();
        }
    }

    /** Mean of {@code xs}. */
    public static double mean(double[] xs) { return java.util.Arrays.stream(xs).average().orElseThrow(); }

    /** Sample standard deviation of {@code xs} (n - 1 in the denominator); 0 for one value. */
    public static double sd(double[] xs) {
        if (xs.length < 2) return 0;
        double m = mean(xs);
        return Math.sqrt(java.util.Arrays.stream(xs).map(x -> (x - m) * (x - m)).sum() / (xs.length - 1));
    }

    @Override public String name() { return "transfer-learning"; }

    @Override public int unit() { return 2; }

    @Override
    public String description() {
        return "a ResNet trained on digits 0-4 transfers to 5-9 from 5 labels per digit, against the same net from scratch";
    }

    @Override public boolean hasFullData() { return true; }

    /**
     * The examples of digits {@code first}..{@code first + 4}, relabelled 0-4, at most {@code perClass} of each
     * (all when perClass is 0), in their original order.
     */
    public static Dataset digits(Dataset data, int first, int perClass) {
        int[] classes = data.classIndices();
        int[] taken = new int[5];
        List<Integer> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            int c = classes[i] - first;
            if (c >= 0 && c < 5 && (perClass == 0 || taken[c] < perClass)) {
                taken[c]++;
                rows.add(i);
                labels.add(c);
            }
        }
        Dataset picked = data.select(rows.stream().mapToInt(Integer::intValue).toArray());
        List<String> names = new ArrayList<>();
        for (int c = 0; c < 5; c++) names.add(Integer.toString(first + c));
        return Dataset.of(picked.features(), Dataset.oneHot(labels.stream().mapToInt(Integer::intValue).toArray(), 5))
                .withClassNames(names);
    }

    /**
     * The first {@code perClass} examples of each class of {@code data} (all with fewer), and the rest, both in their
     * original order.
     */
    public static Dataset.Split perClass(Dataset data, int perClass) {
        int[] classes = data.classIndices();
        int[] taken = new int[data.labelColumns()];
        List<Integer> first = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) (taken[classes[i]]++ < perClass ? first : rest).add(i);
        return new Dataset.Split(data.select(first.stream().mapToInt(Integer::intValue).toArray()),
                data.select(rest.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** Every digit 5-9 of both parts of {@code data}, relabelled 0-4. */
    public static Dataset targetPool(TrainTest data) {
        Dataset train = digits(data.train(), 5, 0);
        Dataset test = digits(data.test(), 5, 0);
        return Dataset.of(Nd4j.concat(0, train.features(), test.features()),
                Nd4j.concat(0, train.labels(), test.labels())).withClassNames(train.classNames());
    }

    /**
     * The source model: a fresh network trained on the training digits 0-4 of {@code data} (images [n, 1, 28, 28]).
     */
    public static Model trainSource(TrainTest data, Fit sourceFit) {
        Model source = fresh(1e-3);
        source.fit(digits(data.train(), 0, 0), sourceFit);
        return source;
    }

    /**
     * Runs the experiment on the 5-9 digits of {@code data} (images [n, 1, 28, 28]) for seeds 1..{@code seeds},
     * transferring from {@code source} and handing each trial to {@code onTrial} as it ends.
     */
    public static Result run(TrainTest data, Model source, Fit targetFit, int seeds, Consumer<Trial> onTrial) {
        Dataset pool = targetPool(data);
        List<Trial> trials = new ArrayList<>();
        Model lastTransferred = null;
        for (long seed = 1; seed <= seeds; seed++) {
            Dataset.Split labelledAndScored = perClass(pool.shuffled(seed), PER_CLASS);
            Dataset labelled = labelledAndScored.first();
            Dataset scored = labelledAndScored.second();
            Dataset.Split fitAndValidate = perClass(labelled, FIT_PER_CLASS);
            Fit fit = targetFit.seed(seed);
            double transferredRate = pickRate(rate -> transfer(source, rate), fitAndValidate, fit);
            double scratchRate = pickRate(TransferLearning::fresh, fitAndValidate, fit);
            Model transferred = transfer(source, transferredRate);
            transferred.fit(labelled, fit);
            Model scratch = fresh(scratchRate);
            scratch.fit(labelled, fit);
            Trial trial = new Trial(seed, transferredRate, scratchRate, transferred.evaluate(scored).accuracy(),
                    scratch.evaluate(scored).accuracy());
            trials.add(trial);
            onTrial.accept(trial);
            lastTransferred = transferred;
        }
        return new Result(trials, lastTransferred);
    }

    /** The rate of {@link #RATES} whose model, fit on the first part, scores best on the second. */
    private static double pickRate(java.util.function.DoubleFunction<Model> model, Dataset.Split fitAndValidate,
                                   Fit fit) {
        double best = RATES[0];
        double bestAccuracy = -1;
        for (double rate : RATES) {
            Model m = model.apply(rate);
            m.fit(fitAndValidate.first(), fit);
            double accuracy = m.evaluate(fitAndValidate.second()).accuracy();
            if (accuracy > bestAccuracy) {
                best = rate;
                bestAccuracy = accuracy;
            }
        }
        return best;
    }

    /** The source with its convolutional body frozen and a fresh 5-way head, trained by Adam at {@code rate}. */
    private static Model transfer(Model source, double rate) {
        return source.transfer().freezeUpTo(Zoo.FEATURES).replaceHead(5).fineTune(Optimizer.adam(rate)).build();
    }

    private static Model fresh(double rate) {
        return ResNet.reduced(Shape.image(28, 28, 1), 5).compile(Loss.crossEntropy(), Optimizer.adam(rate));
    }

    @Override
    public void run(RecipeContext ctx) {
        TrainTest data = Mnist.load(ctx.dataSize()).asImages(28, 28, 1);
        int pool = targetPool(data).size();
        ctx.printf("source task: digits 0-4, %d training images; target task: digits 5-9 with %d labelled images"
                + " (%d per digit) drawn %d times from the %d 5-9 digits, each model scored on the other %d%n",
                digits(data.train(), 0, 0).size(), 5 * PER_CLASS, PER_CLASS, SEEDS, pool, pool - 5 * PER_CLASS);
        Model source = trainSource(data, ctx.fit(SOURCE_EPOCHS).batchSize(32));
        ctx.printf("source model on test digits 0-4: %.1f%%%n",
                100 * source.evaluate(digits(data.test(), 0, 0)).accuracy());
        ctx.printf("%-6s %22s %22s %8s%n", "seed", "transferred (rate)", "from scratch (rate)", "gain");
        Result r = run(data, source, ctx.fit(TARGET_EPOCHS).batchSize(5).quiet(), SEEDS,
                t -> ctx.printf("%-6d %14.1f%% (%.0e) %14.1f%% (%.0e) %+7.1f%n", t.seed(), 100 * t.transferred(),
                        t.transferredRate(), 100 * t.scratch(), t.scratchRate(), 100 * (t.transferred() - t.scratch())));
        ctx.printf("mean +- sd over %d seeds: transferred %.1f +- %.1f%%, from scratch %.1f +- %.1f%%,"
                + " gain %+.1f +- %.1f points%n", SEEDS, 100 * mean(r.transferred()), 100 * sd(r.transferred()), 100 * mean(r.scratch()),
                100 * sd(r.scratch()), 100 * mean(r.gains()), 100 * sd(r.gains()));
        double gain = mean(r.gains());
        double spread = 2 * sd(r.gains());
        ctx.println(gain > spread ? "the features learned on 0-4 carry over: strokes and loops are shared by all digits,"
                + " and 25 labels are far too few for a deep network to learn its own"
                : gain < -spread ? "from scratch wins here: the features tuned to 0-4 do not help on 5-9"
                : "no clear difference: the gain is within twice its spread over seeds");
        double[] x = new double[SEEDS];
        for (int i = 0; i < SEEDS; i++) x[i] = i + 1;
        ctx.save(Chart.lines("Digits 5-9 from " + PER_CLASS + " labels each: accuracy per draw", "seed", "accuracy")
                .series("transferred", x, r.transferred())
                .series("from scratch", x, r.scratch()), "transfer-learning.png");
    }
}
