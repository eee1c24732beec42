package io.neurite.recipes.unit1;

import io.neurite.basics.LeastSquares;
import io.neurite.basics.ShallowModels;
import io.neurite.data.BreastCancer;
import io.neurite.data.Dataset;
import io.neurite.data.Iris;
import io.neurite.data.Normalizer;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.History;
import io.neurite.train.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shallow models on real data: least-squares regression (iris petal width from petal length, by the normal
 * equations and by gradient descent), logistic regression and a linear SVM (breast cancer, malignant or benign) and
 * softmax regression (iris species).
 */
public final class ShallowModelsRecipe implements Recipe {
    static final int REGRESSION_EPOCHS = 200;
    static final int CLASSIFIER_EPOCHS = 30;

    @Override public String name() { return "shallow-models"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "least squares, logistic regression, linear SVM (hinge) and softmax regression on iris and breast cancer";
    }

    @Override
    public void run(RecipeContext ctx) {
        leastSquares(ctx);
        Chart losses = Chart.lines("Shallow classifiers: training loss", "epoch", "loss");

        TrainTest cancer = BreastCancer.trainTest(42).normalized(Normalizer.standardize());
        TrainTest benign = new TrainTest(benignColumn(cancer.train()), benignColumn(cancer.test()));
        classifier(ctx, losses, "logistic regression (breast cancer)", ShallowModels.logisticRegression(30), benign);
        TrainTest signed = new TrainTest(signed(benign.train()), signed(benign.test()));
        classifier(ctx, losses, "linear SVM, hinge (breast cancer)", ShallowModels.linearSvm(30), signed);

        TrainTest iris = Iris.trainTest(42).normalized(Normalizer.standardize());
        classifier(ctx, losses, "softmax regression (iris)", ShallowModels.softmaxRegression(4, 3), iris);
        ctx.save(losses, "shallow-classifiers-loss.png");
    }

    private void leastSquares(RecipeContext ctx) {
        Dataset iris = Iris.load();
        double[] length = iris.features().getColumn(2).toDoubleVector();
        double[] width = iris.features().getColumn(3).toDoubleVector();
        LeastSquares.Fit exact = LeastSquares.fit(length, width);
        ctx.printf("Least squares, iris petal width from petal length (%d flowers)%n", length.length);
        ctx.printf("  normal equations w = (X^T X)^-1 X^T y: width = %.4f * length + %.4f, MSE %.5f%n",
                exact.weights()[0], exact.intercept(), exact.meanSquaredError(column(length), width));

        double[][] x = column(length);
        double[][] y = column(width);
        Model model = ShallowModels.linearRegression(1, Optimizer.adam(0.05));
        History h = model.fit(Dataset.of(x, y), ctx.fit(REGRESSION_EPOCHS).fullBatch().quiet());
        INDArray params = model.network().params();
        double w = params.getDouble(0);
        double b = params.getDouble(1);
        ctx.printf("  gradient descent (Adam, full batch, %d epochs): width = %.4f * length + %.4f, MSE %.5f%n",
                h.epochs(), w, b, h.last("loss"));
        Chart chart = Chart.lines("Least squares: iris petal width vs length", "petal length (cm)", "petal width (cm)");
        chart.points("flowers", length, width);
        double[] ends = {1, 7};
        chart.series("normal equations", ends, new double[] {exact.predict(1), exact.predict(7)});
        chart.series("gradient descent", ends, new double[] {w + b, 7 * w + b});
        ctx.save(chart, "shallow-least-squares.png");
    }

    private void classifier(RecipeContext ctx, Chart losses, String label, Model model, TrainTest data) {
        History h = model.fit(data.train(), ctx.fit(CLASSIFIER_EPOCHS).batchSize(16).quiet());
        double[] x = new double[h.epochs()];
        for (int e = 0; e < x.length; e++) x[e] = e + 1;
        losses.series(label, x, h.metric("loss"));
        ctx.printf("%-38s %-22s test accuracy %.2f%% (%d test examples)%n", label, model.loss().name(),
                100 * model.evaluate(data.test()).accuracy(), data.test().size());
    }

    /** Labels [n, 1]: 1 for benign, 0 for malignant (the second one-hot column). */
    private static Dataset benignColumn(Dataset d) {
        return Dataset.of(d.features(), d.labels().getColumn(1).reshape(d.size(), 1).dup());
    }

    /** 0/1 labels as the SVM's -1/+1. */
    private static Dataset signed(Dataset d) {
        return Dataset.of(d.features(), d.labels().mul(2).sub(1));
    }

    private static double[][] column(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) c[i][0] = v[i];
        return c;
    }
}
