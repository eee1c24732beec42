package io.neurite.train;

import java.util.Map;

/** Multiplies the learning rate by {@code factor} when the monitored metric stalls for {@code patience} epochs. */
public final class ReduceLROnPlateau implements Callback {
    private final String metric;
    private double factor = 0.5;
    private int patience = 2;
    private double minLearningRate = 1e-6;
    private double best = Double.NaN;
    private int waited;

    private ReduceLROnPlateau(String metric) { this.metric = metric; }

    public static ReduceLROnPlateau on(String metric) { return new ReduceLROnPlateau(metric); }

    public ReduceLROnPlateau factor(double f) {
        if (!(f > 0 && f < 1)) throw new IllegalArgumentException("factor must be in (0, 1), got " + f);
        this.factor = f;
        return this;
    }

    public ReduceLROnPlateau patience(int epochs) {
        this.patience = epochs;
        return this;
    }

    public ReduceLROnPlateau minLearningRate(double lr) {
        this.minLearningRate = lr;
        return this;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        Monitor monitor = new Monitor(metric, 0);
        double value = monitor.read(logs);
        if (monitor.improves(value, best)) {
            best = value;
            waited = 0;
        } else if (++waited >= patience) {
            context.setLearningRate(Math.max(minLearningRate, context.learningRate() * factor));
            waited = 0;
        }
    }
}
