package io.neurite.train;

import java.nio.file.Path;
import java.util.Map;

/** Saves the model after each epoch, or only when the monitored metric improves ({@link #bestOnly}). */
public final class Checkpoint implements Callback {
    private final Path file;
    private String monitor;
    private double best = Double.NaN;

    private Checkpoint(Path file) { this.file = file; }

    /** Saves to {@code file} (a .zip DL4J model with the Neurite definition inside), replacing it atomically. */
    public static Checkpoint to(Path file) { return new Checkpoint(file); }

    public Checkpoint bestOnly(String metric) {
        this.monitor = metric;
        return this;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        if (monitor != null) {
            Monitor m = new Monitor(monitor, 0);
            double value = m.read(logs);
            if (!m.improves(value, best)) return;
            best = value;
        }
        context.save(file);
    }
}
