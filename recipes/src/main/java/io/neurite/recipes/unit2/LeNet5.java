package io.neurite.recipes.unit2;

import io.neurite.core.Shape;
import io.neurite.data.Mnist;
import io.neurite.data.TrainTest;
import io.neurite.eval.Metrics;
import io.neurite.model.Model;
import io.neurite.plot.Heatmap;
import io.neurite.plot.ImageGrid;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.zoo.LeNet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Unit 2's case study: LeNet-5 (28x28 variant) on MNIST, trained with Adam; prints test accuracy and the confusion
 * matrix and draws the training curves, the first layer's filters and both convolutions' feature maps for a test digit.
 */
public final class LeNet5 implements Recipe {
    /** Epochs as written. */
    public static final int EPOCHS = 6;
    /** The first convolution of {@link LeNet#lenet5Mnist}: 6 filters of 5x5 over the padded 28x28 digit. */
    public static final String CONV1 = "conv2d_1";
    /** The second convolution: 16 filters of 5x5 over the 6 pooled 14x14 maps. */
    public static final String CONV2 = "conv2d_2";

    /** A trained model, its per-epoch history and its scores on the test set. */
    public record Result(Model model, History history, Metrics test) { }

    @Override public String name() { return "lenet5"; }

    @Override public int unit() { return 2; }

    @Override
    public String description() {
        return "case study: LeNet-5 on MNIST digits with curves, confusion matrix, first-layer filters and feature maps";
    }

    @Override public boolean hasFullData() { return true; }

    /** LeNet-5 for 28x28x1 digits, 10 classes, cross-entropy, Adam(1e-3), seed 42. */
    public static Model model() {
        return LeNet.lenet5Mnist(Shape.image(28, 28, 1), 10).compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
    }

    /** Trains {@link #model()} on {@code data.train()} (images [n, 1, 28, 28]) and scores it on {@code data.test()}. */
    public static Result train(TrainTest data, Fit fit) {
        Model model = model();
        History history = model.fit(data.train(), fit.validation(data.test()));
        return new Result(model, history, model.evaluate(data.test()));
    }

    @Override
    public void run(RecipeContext ctx) {
        TrainTest data = Mnist.load(ctx.dataSize()).asImages(28, 28, 1);
        ctx.printf("MNIST: %d training and %d test digits of 28x28 pixels%n", data.train().size(), data.test().size());
        ctx.out().print(model().summaryTable());
        Result r = train(data, ctx.fit(EPOCHS).batchSize(64));
        Metrics test = r.test();
        ctx.printf("test accuracy: %.2f%% (%d of %d digits)%n", 100 * test.accuracy(),
                Math.round(test.accuracy() * data.test().size()), data.test().size());
        ctx.println("confusion matrix (rows: actual digit, columns: predicted digit):");
        ctx.out().print(ConfusionText.of(test.confusionMatrix()));
        ctx.save(r.history().plot(), "lenet5-loss.png");
        ctx.save(r.history().plot("accuracy", "val_accuracy"), "lenet5-accuracy.png");
        ctx.save(Heatmap.confusionMatrix("LeNet-5: confusion matrix on the test set", test.confusionMatrix(),
                Mnist.INFO.classNames()), "lenet5-confusion.png");
        ctx.save(ImageGrid.filters("LeNet-5 " + CONV1 + ": the 6 learned 5x5 filters", r.model().weights(CONV1)),
                "lenet5-filters.png");
        INDArray digit = data.test().features().get(NDArrayIndex.interval(0, 1));
        int label = data.test().classIndices()[0];
        ctx.save(ImageGrid.channels("test digit 0 (a " + label + ")", digit), "lenet5-input.png");
        ctx.save(ImageGrid.channels(CONV1 + " feature maps (28x28, after ReLU)", r.model().activation(CONV1, digit)),
                "lenet5-maps-conv1.png");
        ctx.save(ImageGrid.channels(CONV2 + " feature maps (10x10, after ReLU)", r.model().activation(CONV2, digit)),
                "lenet5-maps-conv2.png");
    }
}
