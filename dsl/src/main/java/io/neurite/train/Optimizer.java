package io.neurite.train;

import java.io.Serializable;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * How gradients g become parameter steps. Each factory states its update; lr is the learning rate. Whether steps use
 * one example, a mini-batch or the full batch is the batch size, chosen in {@link Fit}. Settings that cannot learn (a
 * learning rate that is NaN, infinite, 0 or negative; a momentum outside [0, 1)) are rejected by the factory with an
 * {@link IllegalArgumentException} naming the setting, the value and the valid range.
 */
public final class Optimizer implements Serializable {
    private final String name;
    private final IUpdater updater;
    // set by clipValue / clipNorm; saved models written before they existed load with no clipping
    private GradientNormalization clipping = GradientNormalization.None;
    private double clipThreshold;

    private Optimizer(String name, IUpdater updater) {
        this.name = name;
        this.updater = updater;
    }

    /** Gradient descent: theta &lt;- theta - lr g (full-batch GD, SGD or mini-batch SGD by batch size). */
    public static Optimizer sgd(double lr) {
        return new Optimizer("sgd(" + lr + ")", new Sgd(rate("Optimizer.sgd", lr)));
    }

    /** Same update as {@link #sgd}; reads better with {@code Fit.fullBatch()}. */
    public static Optimizer gradientDescent(double lr) {
        return new Optimizer("gd(" + lr + ")", new Sgd(rate("Optimizer.gradientDescent", lr)));
    }

    /** Classical momentum: v &lt;- beta v + lr g, theta &lt;- theta - v. */
    public static Optimizer momentum(double lr, double beta) {
        return new Optimizer("momentum(" + lr + ", " + beta + ")",
                new HeavyBallMomentum(rate("Optimizer.momentum", lr), momentumBeta("Optimizer.momentum", beta)));
    }

    /** Nesterov momentum: the gradient is taken at the look-ahead point theta - beta v. */
    public static Optimizer nesterov(double lr, double beta) {
        return new Optimizer("nesterov(" + lr + ", " + beta + ")",
                new Nesterovs(rate("Optimizer.nesterov", lr), momentumBeta("Optimizer.nesterov", beta)));
    }

    /** Adagrad: G &lt;- G + g^2, theta &lt;- theta - lr g / (sqrt(G) + eps): steps shrink for often-updated weights. */
    public static Optimizer adagrad(double lr) {
        return new Optimizer("adagrad(" + lr + ")", new AdaGrad(rate("Optimizer.adagrad", lr)));
    }

    /** RMSProp: s &lt;- rho s + (1 - rho) g^2, theta &lt;- theta - lr g / (sqrt(s) + eps), rho = 0.9. */
    public static Optimizer rmsProp(double lr) {
        return new Optimizer("rmsprop(" + lr + ")",
                new RmsProp(rate("Optimizer.rmsProp", lr), 0.9, RmsProp.DEFAULT_RMSPROP_EPSILON));
    }

    /** Adam: m and v are running means of g and g^2 (beta1 0.9, beta2 0.999), bias-corrected; theta &lt;- theta - lr m / (sqrt(v) + eps). */
    public static Optimizer adam(double lr) {
        return new Optimizer("adam(" + lr + ")", new Adam(rate("Optimizer.adam", lr)));
    }

    /** Wraps any DL4J updater configuration under a display name. */
    public static Optimizer of(String name, IUpdater updater) { return new Optimizer(name, updater); }

    /** The same optimizer with its learning rate following {@code schedule} (which sets the initial rate too). */
    public Optimizer withSchedule(Schedule schedule) {
        IUpdater copy = updater.clone();
        copy.setLrAndSchedule(schedule.initial(), schedule.dl4j());
        Optimizer o = new Optimizer(name + " with " + schedule.name() + " schedule", copy);
        o.clipping = clipping;
        o.clipThreshold = clipThreshold;
        return o;
    }

    /**
     * The same optimizer with every gradient value clipped to [-limit, limit] before the update (Keras' clipvalue;
     * DL4J's ClipElementWiseAbsoluteValue).
     */
    public Optimizer clipValue(double limit) {
        return clipped(GradientNormalization.ClipElementWiseAbsoluteValue, limit, "clipValue");
    }

    /**
     * The same optimizer with each layer's gradient g (all its parameters together) rescaled before the update to
     * g * maxNorm / ||g||_2 when ||g||_2 &gt; maxNorm (DL4J's ClipL2PerLayer; Keras' clipnorm bounds each weight
     * tensor, PyTorch's clip_grad_norm_ all parameters at once).
     */
    public Optimizer clipNorm(double maxNorm) {
        return clipped(GradientNormalization.ClipL2PerLayer, maxNorm, "clipNorm");
    }

    private Optimizer clipped(GradientNormalization how, double threshold, String call) {
        require(Double.isFinite(threshold) && threshold > 0, "Optimizer." + call, "threshold", threshold,
                "a finite number above 0");
        Optimizer o = new Optimizer(name + "." + call + "(" + threshold + ")", updater.clone());
        o.clipping = how;
        o.clipThreshold = threshold;
        return o;
    }

    /** How gradients are clipped before each update (None unless {@link #clipValue} or {@link #clipNorm}). */
    public GradientNormalization clipping() { return clipping; }

    /** The limit of {@link #clipping()}: the largest value or the largest layer norm. */
    public double clipThreshold() { return clipThreshold; }

    /** The learning rate in the given epoch. */
    public double learningRate(int epoch) { return updater.getLearningRate(0, epoch); }

    /** A fresh copy of the DL4J updater configuration. */
    public IUpdater toDl4j() { return updater.clone(); }

    public String name() { return name; }

    @Override
    public String toString() { return name; }

    /**
     * {@code lr} when it is a finite number above 0; otherwise an {@link IllegalArgumentException} naming
     * {@code where} (e.g. "Optimizer.adam"), the value and the valid range.
     */
    static double rate(String where, double lr) {
        require(Double.isFinite(lr) && lr > 0, where, "learning rate", lr,
                "a finite number above 0 (typical: 1e-4 to 1e-1, e.g. adam 1e-3, sgd 1e-2)");
        return lr;
    }

    /** {@code beta} when it lies in [0, 1); otherwise an {@link IllegalArgumentException} naming {@code where}. */
    private static double momentumBeta(String where, double beta) {
        require(beta >= 0 && beta < 1, where, "momentum", beta, "in [0, 1): at 1 or above the velocity never"
                + " decays and the steps grow without bound, below 0 each step pushes against the last (typical: 0.9;"
                + " 0 is plain gradient descent)");
        return beta;
    }

    /**
     * Nothing when {@code ok}; otherwise an {@link IllegalArgumentException} "WHERE: SETTING VALUE cannot train; it
     * must be RULE", the one format of every training-setting check in this package.
     */
    static void require(boolean ok, String where, String setting, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(where + ": " + setting + " " + value + " cannot train; it must be " + rule);
        }
    }
}
