package io.neurite.recipes.unit1;

import io.neurite.data.Digits;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.model.Sequential;
import io.neurite.model.Shape;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Overfitting and three remedies: a wide MLP (64 -> 256 -> 256 -> 10) trained on only 200 digits memorizes them; the
 * validation loss (on the 360 test digits) shows how dropout, batch normalization and an L2 penalty change that.
 */
public final class Regularization implements Recipe {
    public static final int EPOCHS = 100;
    public static final int TRAIN_EXAMPLES = 200;

    /** A variant of the network: what it adds after each hidden dense layer. */
    public record Variant(String label, UnaryOperator<Sequential> hidden) { }

    public static List<Variant> variants() {
        return List.of(
                new Variant("no regularization", s -> s.dense(256).relu()),
                new Variant("dropout 0.5", s -> s.dense(256).relu().dropout(0.5)),
                new Variant("batch norm", s -> s.dense(256).batchNorm().relu()),
                new Variant("L2 1e-3", s -> s.dense(256).l2(1e-3).relu()));
    }

    @Override public String name() { return "regularization"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "train vs validation curves of an overfitting MLP without and with dropout, batch norm and L2";
    }

    public static Model model(Variant v) {
        Sequential s = Model.sequential("regularization").input(Shape.vector(64)).seed(42);
        v.hidden().apply(v.hidden().apply(s));
        return s.dense(10).softmax().build().compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
    }

    /** The small training set and the validation set. */
    public static TrainTest data() {
        TrainTest all = Digits.trainTest(42);
        return new TrainTest(all.train().take(TRAIN_EXAMPLES), all.test());
    }

    @Override
    public void run(RecipeContext ctx) {
        TrainTest data = data();
        int epochs = ctx.epochs(EPOCHS);
        ctx.printf("%d training digits, %d validation digits, 64 -> 256 -> 256 -> 10, Adam, %d epochs%n",
                data.train().size(), data.test().size(), epochs);
        Map<String, History> histories = new LinkedHashMap<>();
        for (Variant v : variants()) {
            History h = model(v).fit(data.train(), ctx.fit(EPOCHS).batchSize(32).validation(data.test()).quiet());
            histories.put(v.label(), h);
        }
        ctx.printf("%-18s %10s %10s %10s %10s %14s%n", "variant", "train loss", "val loss", "train acc", "val acc",
                "best val loss");
        Chart val = Chart.lines("Validation loss on held-out digits", "epoch", "cross-entropy");
        double[] x = new double[epochs];
        for (int e = 0; e < epochs; e++) x[e] = e + 1;
        histories.forEach((label, h) -> {
            double[] vl = h.metric("val_loss");
            int best = 0;
            for (int e = 1; e < vl.length; e++) if (vl[e] < vl[best]) best = e;
            ctx.printf("%-18s %10.4f %10.4f %10.3f %10.3f %8.4f (ep %d)%n", label, h.last("loss"), h.last("val_loss"),
                    h.last("accuracy"), h.last("val_accuracy"), vl[best], best + 1);
            val.series(label, x, vl);
            ctx.save(h.plot("loss", "val_loss"), "regularization-" + label.replace(' ', '-').replace(".", "") + ".png");
        });
        ctx.println("Without regularization the training loss heads to 0 while the validation loss turns up again:"
                + " the network memorizes its 200 examples.");
        ctx.save(val, "regularization-val-loss.png");
    }
}
