package io.neurite.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stops training when the monitored metric has not improved for {@code patience} epochs; optionally puts back the
 * weights of the best epoch. {@code EarlyStopping.on("val_loss").patience(3).restoreBest()}.
 */
public final class EarlyStopping implements Callback {
    private final String metric;
    private int patience = 3;
    private double minDelta = 0;
    private boolean restoreBest;
    private double best = Double.NaN;
    private int bestEpoch;
    private int waited;
    private INDArray bestParams;

    private EarlyStopping(String metric) { this.metric = metric; }

    public static EarlyStopping on(String metric) { return new EarlyStopping(metric); }

    public EarlyStopping patience(int epochs) {
        if (epochs < 1) throw new IllegalArgumentException("patience must be at least 1 epoch, got " + epochs);
        this.patience = epochs;
        return this;
    }

    public EarlyStopping minDelta(double delta) {
        this.minDelta = delta;
        return this;
    }

    /** At the end of training, restore the weights from the best epoch. */
    public EarlyStopping restoreBest() {
        this.restoreBest = true;
        return this;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        best = Double.NaN;
        waited = 0;
        bestParams = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        Monitor monitor = new Monitor(metric, minDelta);
        double value = monitor.read(logs);
        if (monitor.improves(value, best)) {
            best = value;
            bestEpoch = epoch;
            waited = 0;
            if (restoreBest) bestParams = context.parameters();
        } else if (++waited >= patience) {
            context.stop("early stopping: " + metric + " did not improve for " + patience + " epochs (best "
                    + String.format("%.4f", best) + " at epoch " + bestEpoch + ")");
        }
    }

    @Override
    public void onTrainEnd(TrainingContext context) {
        if (restoreBest && bestParams != null) context.setParameters(bestParams);
    }

    /** The epoch with the best monitored value. */
    public int bestEpoch() { return bestEpoch; }
}
