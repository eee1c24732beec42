package io.neurite.train;

import java.io.Serializable;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * How gradients g become parameter steps. Each factory states its update; lr is the learning rate. Whether steps use
 * one example, a mini-batch or the full batch is the batch size, chosen in {@link Fit}.
 */
public final class Optimizer implements Serializable {
    private final String name;
    private final IUpdater updater;

    private Optimizer(String name, IUpdater updater) {
        this.name = name;
        this.updater = updater;
    }

    /** Gradient descent: theta &lt;- theta - lr g (full-batch GD, SGD or mini-batch SGD by batch size). */
    public static Optimizer sgd(double lr) { return new Optimizer("sgd(" + lr + ")", new Sgd(lr)); }

    /** Same update as {@link #sgd}; reads better with {@code Fit.fullBatch()}. */
    public static Optimizer gradientDescent(double lr) { return new Optimizer("gd(" + lr + ")", new Sgd(lr)); }

    /** Classical momentum: v &lt;- beta v + lr g, theta &lt;- theta - v. */
    public static Optimizer momentum(double lr, double beta) {
        return new Optimizer("momentum(" + lr + ", " + beta + ")", new HeavyBallMomentum(lr, beta));
    }

    /** Nesterov momentum: the gradient is taken at the look-ahead point theta - beta v. */
    public static Optimizer nesterov(double lr, double beta) {
        return new Optimizer("nesterov(" + lr + ", " + beta + ")", new Nesterovs(lr, beta));
    }

    /** Adagrad: G &lt;- G + g^2, theta &lt;- theta - lr g / (sqrt(G) + eps): steps shrink for often-updated weights. */
    public static Optimizer adagrad(double lr) { return new Optimizer("adagrad(" + lr + ")", new AdaGrad(lr)); }

    /** RMSProp: s &lt;- rho s + (1 - rho) g^2, theta &lt;- theta - lr g / (sqrt(s) + eps), rho = 0.9. */
    public static Optimizer rmsProp(double lr) {
        return new Optimizer("rmsprop(" + lr + ")", new RmsProp(lr, 0.9, RmsProp.DEFAULT_RMSPROP_EPSILON));
    }

    /** Adam: m and v are running means of g and g^2 (beta1 0.9, beta2 0.999), bias-corrected; theta &lt;- theta - lr m / (sqrt(v) + eps). */
    public static Optimizer adam(double lr) { return new Optimizer("adam(" + lr + ")", new Adam(lr)); }

    /** The same optimizer with its learning rate following {@code schedule} (which sets the initial rate too). */
    public Optimizer withSchedule(Schedule schedule) {
        IUpdater copy = updater.clone();
        copy.setLrAndSchedule(schedule.initial(), schedule.dl4j());
        return new Optimizer(name + " with " + schedule.name() + " schedule", copy);
    }

    /** The learning rate in the given epoch. */
    public double learningRate(int epoch) { return updater.getLearningRate(0, epoch); }

    /** A fresh copy of the DL4J updater configuration. */
    public IUpdater toDl4j() { return updater.clone(); }

    public String name() { return name; }

    @Override
    public String toString() { return name; }
}
