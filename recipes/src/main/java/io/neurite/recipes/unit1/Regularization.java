package io.neurite.recipes.unit1;

import io.neurite.core.Shape;
import io.neurite.data.FashionMnist;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.model.Sequential;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Overfitting and three remedies: a wide MLP (784 -> 256 -> 256 -> 10) trained on only 500 Fashion-MNIST images
 * memorizes them (training accuracy 1, validation loss climbing after a dozen epochs) while validation on 500 other
 * images shows how dropout, batch normalization and an L2 penalty change that. The generalization gap is measured as
 * validation loss minus training loss, both the data loss alone in inference mode (no dropout, no penalty).
 */
public final class Regularization implements Recipe {
    public static final int EPOCHS = 30;
    public static final int TRAIN_EXAMPLES = 500;
    public static final int BATCH_SIZE = 64;
    public static final int WIDTH = 256;

    /** A variant of the network: its layers after the 784 inputs, up to the 10-way softmax. */
    public record Variant(String label, UnaryOperator<Sequential> body) { }

    public static final Variant NONE = new Variant("no regularization",
            s -> s.dense(WIDTH).relu().dense(WIDTH).relu().dense(10).softmax());
    /** Dropout as Srivastava et al. (2014) use it on MNIST: 20% of the inputs and 50% of each hidden layer. */
    public static final Variant DROPOUT = new Variant("dropout 0.2 / 0.5",
            s -> s.dropout(0.2).dense(WIDTH).relu().dropout(0.5).dense(WIDTH).relu().dropout(0.5).dense(10).softmax());
    public static final Variant BATCH_NORM = new Variant("batch norm",
            s -> s.dense(WIDTH).batchNorm().relu().dense(WIDTH).batchNorm().relu().dense(10).softmax());
    /** L2 on every weight matrix, the output layer's included (its weights set how confident predictions get). */
    public static final Variant L2 = new Variant("L2 1e-2",
            s -> s.dense(WIDTH).l2(1e-2).relu().dense(WIDTH).l2(1e-2).relu().dense(10).l2(1e-2).softmax());

    public static List<Variant> variants() { return List.of(NONE, DROPOUT, BATCH_NORM, L2); }

    /** What one variant's training came to: its history and the final data losses on both sets. */
    public record Outcome(History history, double trainLoss, double valLoss) {
        /** Validation loss minus training loss: how much worse the model does on data it has not seen. */
        public double gap() { return valLoss - trainLoss; }

        public double trainAccuracy() { return history.last("accuracy"); }

        public double valAccuracy() { return history.last("val_accuracy"); }
    }

    @Override public String name() { return "regularization"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "train vs validation curves of an overfitting MLP without and with dropout, batch norm and L2";
    }

    public static Model model(Variant v) {
        Sequential s = Model.sequential("regularization").input(Shape.vector(784)).seed(42);
        return v.body().apply(s).build().compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
    }

    /** The small training set (the first 500 of the embedded Fashion-MNIST training images) and 500 validation images. */
    public static TrainTest data() {
        TrainTest all = FashionMnist.mini();
        return new TrainTest(all.train().take(TRAIN_EXAMPLES), all.test());
    }

    /** Trains {@code v} on {@code data.train()} for {@code fit}'s epochs (batch size {@value #BATCH_SIZE}). */
    public static Outcome train(Variant v, TrainTest data, Fit fit) {
        Model m = model(v);
        History h = m.fit(data.train(), fit.batchSize(BATCH_SIZE).validation(data.test()));
        return new Outcome(h, m.loss(data.train()), m.loss(data.test()));
    }

    @Override
    public void run(RecipeContext ctx) {
        TrainTest data = data();
        int epochs = ctx.epochs(EPOCHS);
        ctx.printf("%d training images, %d validation images (Fashion-MNIST), 784 -> %d -> %d -> 10, Adam, %d epochs%n",
                data.train().size(), data.test().size(), WIDTH, WIDTH, epochs);
        ctx.printf("%-18s %10s %10s %8s %10s %10s %14s %13s%n", "variant", "train loss", "val loss", "gap",
                "train acc", "val acc", "best val loss", "best val acc");
        Chart val = Chart.lines("Validation loss on held-out images", "epoch", "cross-entropy");
        for (Variant v : variants()) {
            Outcome o = train(v, data, ctx.fit(EPOCHS).quiet());
            History h = o.history();
            double[] vl = h.metric("val_loss");
            double[] va = h.metric("val_accuracy");
            int best = argBest(vl, -1);
            int bestAcc = argBest(va, 1);
            ctx.printf("%-18s %10.4f %10.4f %8.4f %10.3f %10.3f %7.4f (ep %2d) %6.3f (ep %2d)%n", v.label(), o.trainLoss(),
                    o.valLoss(), o.gap(), o.trainAccuracy(), o.valAccuracy(), vl[best], best + 1, va[bestAcc], bestAcc + 1);
            double[] x = new double[vl.length];
            for (int e = 0; e < x.length; e++) x[e] = e + 1;
            val.series(v.label(), x, vl);
            ctx.save(h.plot("loss", "val_loss"),
                    "regularization-" + v.label().replaceAll("[^A-Za-z0-9]+", "-") + ".png");
        }
        ctx.println("Losses are the data loss in inference mode. Without regularization the training loss heads to 0"
                + " while the validation loss turns up again: the network memorizes its 500 images. Dropout keeps the"
                + " validation loss down and cuts the gap by about two thirds; L2 narrows the gap mainly by holding"
                + " the training loss up (smaller weights, less confident fits); batch norm trains fastest and reaches"
                + " the best validation accuracy early, but then memorizes just as well.");
        ctx.save(val, "regularization-val-loss.png");
    }

    /** Index of the largest ({@code sign} 1) or smallest ({@code sign} -1) value. */
    private static int argBest(double[] values, int sign) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (sign * values[i] > sign * values[best]) best = i;
        return best;
    }
}
