package io.neurite.train;

import java.util.Map;

/**
 * A metric watched by a callback, with its direction: names containing "loss", "error", "mse" or "mae" improve by
 * falling, others (accuracy, f1) by rising. An improvement must beat the best so far by more than {@code minDelta}.
 */
record Monitor(String metric, double minDelta) {

    boolean minimize() {
        String m = metric.toLowerCase();
        return m.contains("loss") || m.contains("error") || m.contains("mse") || m.contains("mae");
    }

    /** The metric in this epoch's logs; fails naming the metrics that exist. */
    double read(Map<String, Double> logs) {
        Double v = logs.get(metric);
        if (v == null) {
            throw new IllegalStateException("monitored metric '" + metric + "' is not logged; available: "
                    + logs.keySet() + (metric.startsWith("val_") ? " (give Fit a validation set or split)" : ""));
        }
        return v;
    }

    boolean improves(double value, double best) {
        if (Double.isNaN(best)) return !Double.isNaN(value);
        return minimize() ? value < best - minDelta : value > best + minDelta;
    }
}
