package io.neurite.train;

import io.neurite.eval.Task;
import java.io.Serializable;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossHinge;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossSquaredHinge;

/**
 * A loss L(y, y_hat) averaged over the examples of a batch; each factory states L for one example with outputs
 * j = 1..k. The {@link Task} says how predictions are scored by {@code evaluate}.
 */
public record Loss(String name, ILossFunction dl4j, Task task) implements Serializable {


    /** Mean squared error: L = (1/k) sum_j (y_j - y_hat_j)^2. */
    public static Loss mse() { return new Loss("mse", new LossMSE(), Task.REGRESSION); }

    /** Mean absolute error: L = (1/k) sum_j |y_j - y_hat_j|. */
    public static Loss mae() { return new Loss("mae", new LossMAE(), Task.REGRESSION); }

    /** Huber: per output 0.5 r^2 if |r| &lt;= delta else delta (|r| - 0.5 delta), r = y_hat - y; summed over outputs. */
    public static Loss huber(double delta) { return new Loss("huber(" + delta + ")", new HuberLoss(delta), Task.REGRESSION); }

    /** Binary cross-entropy: L = -sum_j [y_j log y_hat_j + (1 - y_j) log(1 - y_hat_j)], with sigmoid outputs. */
    public static Loss binaryCrossEntropy() { return new Loss("binary_crossentropy", new LossBinaryXENT(), Task.BINARY); }

    /** Categorical cross-entropy: L = -sum_j y_j log y_hat_j, with softmax outputs and one-hot labels. */
    public static Loss crossEntropy() { return new Loss("categorical_crossentropy", new LossMCXENT(), Task.CLASSIFICATION); }

    /**
     * Multi-label sigmoid cross-entropy: each of k independent yes/no labels scored by binary cross-entropy on its
     * own sigmoid output; the same formula as {@link #binaryCrossEntropy()}, evaluated per label.
     */
    public static Loss multiLabelCrossEntropy() {
        return new Loss("multilabel_crossentropy", new LossBinaryXENT(), Task.BINARY);
    }

    /** Hinge (linear SVM): L = sum_j max(0, 1 - y_j y_hat_j) with labels -1 or +1 and linear outputs. */
    public static Loss hinge() { return new Loss("hinge", new LossHinge(), Task.SIGNED); }

    /** Squared hinge: L = sum_j max(0, 1 - y_j y_hat_j)^2 with labels -1 or +1. */
    public static Loss squaredHinge() { return new Loss("squared_hinge", new LossSquaredHinge(), Task.SIGNED); }

    /** This loss times {@code weight}: for a model with several outputs, which minimises sum_k w_k L_k. */
    public Loss weighted(double weight) {
        return new Loss(weight + " * " + name, new WeightedLoss(dl4j, weight), task);
    }

    @Override
    public String toString() { return name; }
}
