package io.neurite.recipes.unit1;

import io.neurite.core.Shape;
import io.neurite.data.Digits;
import io.neurite.data.TrainTest;
import io.neurite.eval.Metrics;
import io.neurite.model.Model;
import io.neurite.plot.Heatmap;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;

/**
 * Unit 1's real-data case study: a two-hidden-layer MLP on scikit-learn's 8x8 digits (1,797 images, 80/20 split with
 * seed 42), trained with Adam; prints test accuracy, per-class F1 and the confusion matrix.
 */
public final class DigitsMlp implements Recipe {
    /** Epochs as written. */
    public static final int EPOCHS = 30;

    /** A trained model, its per-epoch history and its scores on the held-out test set. */
    public record Result(Model model, History history, Metrics test) { }

    @Override public String name() { return "digits-mlp"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "case study: an MLP classifies scikit-learn's 8x8 handwritten digits (>= 95% test accuracy),"
                + " with training curves and a confusion matrix";
    }

    /** 64 pixels -> 128 ReLU -> 64 ReLU -> 10-way softmax, cross-entropy, Adam(1e-3). */
    public static Model model() {
        return Model.sequential("digits-mlp").input(Shape.vector(64))
                .dense(128).relu()
                .dense(64).relu()
                .dense(10).softmax()
                .build()
                .compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
    }

    /** Trains {@link #model()} on {@code data.train()} with {@code fit} and scores it on {@code data.test()}. */
    public static Result train(TrainTest data, Fit fit) {
        Model model = model();
        History history = model.fit(data.train(), fit);
        return new Result(model, history, model.evaluate(data.test()));
    }

    @Override
    public void run(RecipeContext ctx) {
        TrainTest data = Digits.trainTest(42);
        ctx.printf("digits: %d training and %d test images of 8x8 pixels, 10 classes%n",
                data.train().size(), data.test().size());
        ctx.out().print(model().summaryTable());
        Result r = train(data, ctx.fit(EPOCHS).batchSize(32).validationSplit(0.1));
        Metrics test = r.test();
        ctx.printf("test accuracy: %.2f%% (%d of %d images; chance is 10%%)%n", 100 * test.accuracy(),
                Math.round(test.accuracy() * data.test().size()), data.test().size());
        ctx.println("per-class F1:");
        for (int c = 0; c < 10; c++) ctx.printf("  digit %d: F1 %.3f%n", c, test.f1(c));
        int[][] cm = test.confusionMatrix();
        ctx.println("confusion matrix (rows: actual digit, columns: predicted digit):");
        ctx.println("       " + row(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        for (int a = 0; a < cm.length; a++) ctx.println("  " + a + "  | " + row(cm[a]));
        ctx.save(r.history().plot(), "digits-mlp-loss.png");
        ctx.save(r.history().plot("accuracy", "val_accuracy"), "digits-mlp-accuracy.png");
        ctx.save(Heatmap.confusionMatrix("Digits MLP: confusion matrix on the test set", cm, Digits.INFO.classNames()),
                "digits-mlp-confusion.png");
    }

    private static String row(int[] counts) {
        StringBuilder sb = new StringBuilder();
        for (int c : counts) sb.append(String.format("%4d", c));
        return sb.toString();
    }
}
