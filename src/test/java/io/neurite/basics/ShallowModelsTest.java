package io.neurite.basics;

import io.neurite.eval.Task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.BreastCancer;
import io.neurite.data.Dataset;
import io.neurite.data.Iris;
import io.neurite.data.Normalizer;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.train.Fit;
import org.junit.jupiter.api.Test;

class ShallowModelsTest {

    /** Full-batch gradient descent on a centred, unit-variance feature converges to the normal equations' solution. */
    @Test
    void linearRegressionReachesTheLeastSquaresSolution() {
        double[] x = {-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5};
        double[] y = {-3.9, -3.1, -1.8, -1.1, 0.2, 0.8, 2.1}; // about 2x - 1 with noise
        LeastSquares.Fit exact = LeastSquares.fit(x, y);
        double[][] xs = new double[x.length][1];
        double[][] ys = new double[x.length][1];
        for (int i = 0; i < x.length; i++) {
            xs[i][0] = x[i];
            ys[i][0] = y[i];
        }
        Model m = ShallowModels.linearRegression(1);
        m.fit(Dataset.of(xs, ys), Fit.epochs(300).fullBatch().quiet());
        double[] params = m.network().params().toDoubleVector();
        assertEquals(exact.weights()[0], params[0], 1e-3);
        assertEquals(exact.intercept(), params[1], 1e-3);
    }

    @Test
    void classifiersLearnRealData() {
        TrainTest cancer = BreastCancer.trainTest(42).normalized(Normalizer.standardize());
        Dataset train = benign(cancer.train());
        Dataset test = benign(cancer.test());
        Model logistic = ShallowModels.logisticRegression(30);
        assertEquals(Task.BINARY, logistic.loss().task());
        logistic.fit(train, Fit.epochs(10).batchSize(16).quiet());
        assertTrue(logistic.evaluate(test).accuracy() >= 0.94, "logistic " + logistic.evaluate(test).accuracy());

        Model svm = ShallowModels.linearSvm(30);
        assertEquals("hinge", svm.loss().name());
        svm.fit(signed(train), Fit.epochs(10).batchSize(16).quiet());
        assertTrue(svm.evaluate(signed(test)).accuracy() >= 0.94, "svm " + svm.evaluate(signed(test)).accuracy());

        TrainTest iris = Iris.trainTest(42).normalized(Normalizer.standardize());
        Model softmax = ShallowModels.softmaxRegression(4, 3);
        softmax.fit(iris.train(), Fit.epochs(30).batchSize(16).quiet());
        assertTrue(softmax.evaluate(iris.test()).accuracy() >= 0.9, "softmax " + softmax.evaluate(iris.test()).accuracy());
    }

    @Test
    void badSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ShallowModels.softmaxRegression(4, 1));
        assertThrows(IllegalArgumentException.class, () -> ShallowModels.logisticRegression(0));
        assertThrows(IllegalArgumentException.class,
                () -> ShallowModels.linearSvm(3, -1, io.neurite.train.Optimizer.sgd(0.1)));
    }

    private static Dataset benign(Dataset d) {
        return Dataset.of(d.features(), d.labels().getColumn(1).reshape(d.size(), 1).dup());
    }

    private static Dataset signed(Dataset d) {
        return Dataset.of(d.features(), d.labels().mul(2).sub(1));
    }
}
