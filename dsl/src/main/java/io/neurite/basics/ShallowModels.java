package io.neurite.basics;

import io.neurite.core.Shape;
import io.neurite.model.Model;
import io.neurite.model.Sequential;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;

/**
 * The course's shallow models: one linear layer z = W x + b, an output function and a loss. Each factory returns a
 * compiled model (the loss is part of what the model is) with plain gradient descent, lr 0.1, by default; features
 * should be standardized. Train with {@code fit}, score with {@code evaluate}.
 */
public final class ShallowModels {
    /** Gradient descent with learning rate 0.1: the default for every shallow model here. */
    public static final double DEFAULT_LEARNING_RATE = 0.1;

    private ShallowModels() { }

    /** Least-squares regression: y_hat = w . x + b, loss (y - y_hat)^2 (mean squared error). Labels [n, 1]. */
    public static Model linearRegression(int nFeatures) {
        return linearRegression(nFeatures, Optimizer.sgd(DEFAULT_LEARNING_RATE));
    }

    public static Model linearRegression(int nFeatures, Optimizer optimizer) {
        return linear("linear_regression", nFeatures).dense(1).build().compile(Loss.mse(), optimizer);
    }

    /**
     * Logistic regression: p = sigmoid(w . x + b) is the probability of class 1, loss binary cross-entropy
     * -[y log p + (1 - y) log(1 - p)]. Labels [n, 1] of 0 or 1.
     */
    public static Model logisticRegression(int nFeatures) {
        return logisticRegression(nFeatures, Optimizer.sgd(DEFAULT_LEARNING_RATE));
    }

    public static Model logisticRegression(int nFeatures, Optimizer optimizer) {
        return linear("logistic_regression", nFeatures).dense(1).sigmoid().build()
                .compile(Loss.binaryCrossEntropy(), optimizer);
    }

    /**
     * Linear support vector machine: score s = w . x + b, class sign(s), hinge loss max(0, 1 - y s) plus
     * lambda ||w||^2 (lambda 1e-3), which widens the margin. Labels [n, 1] of -1 or +1.
     */
    public static Model linearSvm(int nFeatures) {
        return linearSvm(nFeatures, 1e-3, Optimizer.sgd(DEFAULT_LEARNING_RATE));
    }

    /** A linear SVM with margin penalty {@code lambda} ||w||^2. */
    public static Model linearSvm(int nFeatures, double lambda, Optimizer optimizer) {
        if (!(lambda >= 0)) throw new IllegalArgumentException("the SVM penalty lambda must be >= 0, got " + lambda);
        return linear("linear_svm", nFeatures).dense(1).l2(lambda).build().compile(Loss.hinge(), optimizer);
    }

    /**
     * Softmax (multinomial logistic) regression: p = softmax(W x + b) over {@code nClasses} classes, loss
     * cross-entropy -log p_y. Labels one-hot [n, nClasses].
     */
    public static Model softmaxRegression(int nFeatures, int nClasses) {
        return softmaxRegression(nFeatures, nClasses, Optimizer.sgd(DEFAULT_LEARNING_RATE));
    }

    public static Model softmaxRegression(int nFeatures, int nClasses, Optimizer optimizer) {
        if (nClasses < 2) throw new IllegalArgumentException("softmax regression needs at least 2 classes, got " + nClasses);
        return linear("softmax_regression", nFeatures).dense(nClasses).softmax().build()
                .compile(Loss.crossEntropy(), optimizer);
    }

    private static Sequential linear(String name, int nFeatures) {
        if (nFeatures < 1) throw new IllegalArgumentException(name + " needs at least 1 feature, got " + nFeatures);
        return Model.sequential(name).input(Shape.vector(nFeatures));
    }
}
