package io.neurite.recipes.unit1;

import io.neurite.data.Dataset;
import io.neurite.data.FashionMnist;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.EarlyStopping;
import io.neurite.train.Fit;
import io.neurite.train.History;

/**
 * Early stopping as a regularizer: the unregularized MLP of the {@code regularization} lesson (784 -> 256 -> 256 -> 10)
 * memorizes {@value #TRAIN_EXAMPLES} Fashion-MNIST images, and its validation loss falls, bottoms out and climbs again.
 * Trained once for all {@value #EPOCHS} epochs, and once more (same seed, same batches) with
 * {@code EarlyStopping.on("val_loss").patience(PATIENCE).restoreBest()}: training stops {@value #PATIENCE} epochs
 * after the best validation loss and puts back that epoch's weights. Validation images choose when to stop, so a third
 * set, the 500 test images, says how well each model does on data that made no decision.
 */
public final class EarlyStoppingRecipe implements Recipe {
    public static final int EPOCHS = 40;
    public static final int PATIENCE = 5;
    public static final int TRAIN_EXAMPLES = 500;
    public static final int VALIDATION_EXAMPLES = 500;

    /**
     * Both runs: the full one's history and final model, the stopped one's history, the best epoch (1-based), and the
     * restored model.
     */
    public record Outcome(History full, Model overfit, History stopped, int bestEpoch, Model restored) {
        /** The epoch after which training stopped (1-based). */
        public int stoppedAt() { return stopped.epochs(); }
    }

    @Override public String name() { return "early-stopping"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "the validation loss turning up, where early stopping stopped, and the best epoch's weights restored";
    }

    /**
     * Train: the first {@value #TRAIN_EXAMPLES} training images of the Fashion-MNIST mini; validation: the next
     * {@value #VALIDATION_EXAMPLES}; test: the mini's 500 test images.
     */
    public static Split data() {
        TrainTest all = FashionMnist.mini();
        return new Split(all.train().take(TRAIN_EXAMPLES),
                all.train().slice(TRAIN_EXAMPLES, TRAIN_EXAMPLES + VALIDATION_EXAMPLES), all.test());
    }

    /** Training, validation (decides when to stop) and test (decides nothing) data. */
    public record Split(Dataset train, Dataset validation, Dataset test) { }

    /** Both runs on {@code data} for {@code epochs} epochs at most, stopping with {@code patience}. */
    public static Outcome run(Split data, int epochs, int patience) {
        Model overfit = Regularization.model(Regularization.NONE);
        History full = overfit.fit(data.train(), fit(data, epochs));
        Model restored = Regularization.model(Regularization.NONE);
        EarlyStopping stop = EarlyStopping.on("val_loss").patience(patience).restoreBest();
        History stopped = restored.fit(data.train(), fit(data, epochs).callbacks(stop));
        return new Outcome(full, overfit, stopped, stop.bestEpoch(), restored);
    }

    private static Fit fit(Split data, int epochs) {
        return Fit.epochs(epochs).batchSize(Regularization.BATCH_SIZE).validation(data.validation()).quiet();
    }

    @Override
    public void run(RecipeContext ctx) {
        Split data = data();
        int epochs = ctx.epochs(EPOCHS);
        ctx.printf("%d training, %d validation, %d test images (Fashion-MNIST); 784 -> %d -> %d -> 10, Adam, at most %d"
                + " epochs, patience %d%n", data.train().size(), data.validation().size(), data.test().size(),
                Regularization.WIDTH, Regularization.WIDTH, epochs, PATIENCE);
        Outcome o = run(data, epochs, PATIENCE);
        double[] vl = o.full().metric("val_loss");
        double[] tl = o.full().metric("loss");
        ctx.printf("without stopping: val loss %.4f at its best (epoch %d), %.4f after epoch %d%n",
                vl[o.bestEpoch() - 1], o.bestEpoch(), vl[vl.length - 1], vl.length);
        ctx.printf("early stopping: stopped after epoch %d (%d epochs without a better val loss), restored epoch %d:"
                + " val loss %.4f%n", o.stoppedAt(), o.stoppedAt() - o.bestEpoch(), o.bestEpoch(),
                o.restored().loss(data.validation()));
        ctx.printf("%-26s %10s %10s %10s%n", "test images", "loss", "accuracy", "epochs");
        ctx.printf("%-26s %10.4f %10.3f %10d%n", "trained to the end", o.overfit().loss(data.test()),
                o.overfit().evaluate(data.test()).accuracy(), vl.length);
        ctx.printf("%-26s %10.4f %10.3f %10d%n", "stopped, best restored", o.restored().loss(data.test()),
                o.restored().evaluate(data.test()).accuracy(), o.stoppedAt());
        ctx.println("The training loss keeps falling while the validation loss turns: after the best epoch the network"
                + " fits its 500 images more exactly at the cost of new ones. Early stopping keeps the model from the"
                + " turn and saves the epochs after it; on test images the restored model's loss is the lower one.");
        double[] x = new double[vl.length];
        for (int e = 0; e < x.length; e++) x[e] = e + 1;
        double top = java.util.Arrays.stream(vl).max().orElseThrow();
        ctx.save(Chart.lines("Early stopping on validation loss (patience " + PATIENCE + ")", "epoch", "cross-entropy")
                .series("training loss", x, tl)
                .series("validation loss", x, vl)
                .points("best epoch (restored)", new double[] {o.bestEpoch()}, new double[] {vl[o.bestEpoch() - 1]})
                .series("stopped here", new double[] {o.stoppedAt(), o.stoppedAt()}, new double[] {0, top}),
                "early-stopping.png");
    }
}
