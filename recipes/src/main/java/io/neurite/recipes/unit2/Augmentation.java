package io.neurite.recipes.unit2;

import io.neurite.core.Shape;
import io.neurite.data.Augment;
import io.neurite.data.Dataset;
import io.neurite.data.Mnist;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.plot.Chart;
import io.neurite.plot.ImageGrid;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.zoo.LeNet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Data augmentation: each of the six transforms on one digit, then what augmentation does for LeNet-5 when labels are
 * few. Each of {@value #SEEDS} seeds draws {@value #PER_CLASS} labelled images per digit from the MNIST mini (train and
 * test parts pooled); every other digit (about 2,400) scores. The baseline trains on the labelled images alone; the
 * augmented model on them plus {@value #COPIES} augmented copies of each ({@link #TRAINING}: small rotations, scalings,
 * shifts and noise; no flips, which turn a 2 into something that is no digit). Both take the same number of gradient
 * steps (the baseline runs {@code 1 + COPIES} times as many epochs), so any difference comes from the data, not from
 * longer training.
 */
public final class Augmentation implements Recipe {
    /** Labelled images per digit. */
    public static final int PER_CLASS = 10;
    /** Augmented copies of each labelled image. */
    public static final int COPIES = 9;
    /** Epochs over the augmented set (the baseline runs {@code (1 + COPIES)} times as many over its 100 images). */
    public static final int EPOCHS = 6;
    /** Batch size: 10 labelled digits per batch, so both sets split into whole batches. */
    public static final int BATCH_SIZE = 10;
    /** Draws of the labelled images. */
    public static final int SEEDS = 3;
    /** The transforms used for training: label-preserving for digits. */
    public static final Augment TRAINING = Augment.rotate(15).then(Augment.scale(0.9, 1.1)).then(Augment.translate(2))
            .then(Augment.noise(0.1));

    /** One draw: its seed and both models' accuracy on the scored digits. */
    public record Trial(long seed, double baseline, double augmented) {
        public double gain() { return augmented - baseline; }
    }

    @Override public String name() { return "augmentation"; }

    @Override public int unit() { return 2; }

    @Override
    public String description() {
        return "flip, rotation, scale, crop, translation and noise on a digit; LeNet-5 from 10 labels per digit with and"
                + " without augmentation";
    }

    /** One example of each transform, each drawn with seed 1, in the order shown. */
    public static List<String> showcaseNames() {
        return List.of("original", "flip left-right", "rotate 30", "scale 1.3", "crop 20 of 28", "translate 3",
                "noise 0.2");
    }

    /** The transforms shown beside the original, in {@link #showcaseNames()} order after it. */
    public static List<Augment> showcase() {
        return List.of(Augment.flipHorizontal(1), Augment.rotate(30, 30), Augment.scale(1.3, 1.3), Augment.crop(20),
                Augment.translate(3), Augment.noise(0.2));
    }

    /** The grid of {@code digit} (a one-image dataset [1, 1, h, w]) and each transform of it. */
    public static ImageGrid grid(Dataset digit) {
        List<double[][]> tiles = new ArrayList<>();
        tiles.add(pixels(digit));
        for (Augment a : showcase()) tiles.add(pixels(a.apply(digit, 1)));
        return ImageGrid.of("one digit, each transform", showcaseNames(), tiles).columns(tiles.size());
    }

    private static double[][] pixels(Dataset one) {
        return one.features().get(NDArrayIndex.point(0), NDArrayIndex.point(0)).castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /** Both parts of {@code data} (images [n, 1, 28, 28]) in one dataset. */
    public static Dataset pool(TrainTest data) {
        return Dataset.of(Nd4j.concat(0, data.train().features(), data.test().features()),
                Nd4j.concat(0, data.train().labels(), data.test().labels())).withClassNames(data.train().classNames());
    }

    /**
     * Runs {@code seeds} draws (seeds 1..seeds) on the pooled digits of {@code data}; {@code epochs} is the augmented
     * model's epoch count. Hands each trial to {@code onTrial} as it ends.
     */
    public static List<Trial> run(TrainTest data, int perClass, int copies, int epochs, int seeds,
                                  Consumer<Trial> onTrial) {
        Dataset all = pool(data);
        List<Trial> trials = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            Dataset.Split labelledAndScored = TransferLearning.perClass(all.shuffled(seed), perClass);
            Dataset labelled = labelledAndScored.first();
            Dataset scored = labelledAndScored.second();
            Model baseline = fresh();
            baseline.fit(labelled, Fit.epochs(epochs * (1 + copies)).batchSize(BATCH_SIZE).seed(seed).quiet());
            Model augmented = fresh();
            augmented.fit(TRAINING.expand(labelled, copies, seed),
                    Fit.epochs(epochs).batchSize(BATCH_SIZE).seed(seed).quiet());
            Trial t = new Trial(seed, baseline.evaluate(scored).accuracy(), augmented.evaluate(scored).accuracy());
            trials.add(t);
            onTrial.accept(t);
        }
        return trials;
    }

    private static Model fresh() {
        return LeNet.lenet5Mnist(Shape.image(28, 28, 1), 10).compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
    }

    @Override
    public void run(RecipeContext ctx) {
        TrainTest data = Mnist.mini().asImages(28, 28, 1);
        ctx.save(grid(data.test().take(1)), "augmentation-transforms.png");
        int epochs = ctx.epochs(EPOCHS);
        int scored = pool(data).size() - 10 * PER_CLASS;
        ctx.printf("LeNet-5 from %d labelled digits (%d per digit), scored on the other %d; %d seeds; augmented: the"
                + " originals + %d copies (rotate +-15, scale 0.9-1.1, shift +-2 px, noise 0.1), %d epochs;"
                + " baseline: the originals, %d epochs (the same number of steps)%n", 10 * PER_CLASS, PER_CLASS,
                scored, SEEDS, COPIES, epochs, epochs * (1 + COPIES));
        ctx.printf("%-6s %10s %10s %8s%n", "seed", "baseline", "augmented", "gain");
        List<Trial> trials = run(data, PER_CLASS, COPIES, epochs, SEEDS, t -> ctx.printf("%-6d %9.1f%% %9.1f%% %+7.1f%n",
                t.seed(), 100 * t.baseline(), 100 * t.augmented(), 100 * t.gain()));
        double[] base = trials.stream().mapToDouble(Trial::baseline).toArray();
        double[] aug = trials.stream().mapToDouble(Trial::augmented).toArray();
        double[] gains = trials.stream().mapToDouble(Trial::gain).toArray();
        double gain = TransferLearning.mean(gains);
        double sd = TransferLearning.sd(gains);
        ctx.printf("mean +- sd over %d seeds: baseline %.1f +- %.1f%%, augmented %.1f +- %.1f%%, gain %+.1f +- %.1f"
                + " points%n", SEEDS, 100 * TransferLearning.mean(base), 100 * TransferLearning.sd(base),
                100 * TransferLearning.mean(aug), 100 * TransferLearning.sd(aug), 100 * gain, 100 * sd);
        ctx.println(gain > 2 * sd / Math.sqrt(SEEDS)
                ? "augmentation helps: the network sees each digit in many positions, sizes and slants, so it cannot"
                + " memorize 100 exact images and has to learn what the shifted, rotated copies share"
                : "no clear gain: the mean gain is within two standard errors of 0 over these seeds");
        double[] x = new double[trials.size()];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        ctx.save(Chart.lines("LeNet-5 from " + PER_CLASS + " labels per digit: accuracy per draw", "seed", "accuracy")
                .series("baseline", x, base).series("augmented", x, aug), "augmentation-accuracy.png");
    }
}
