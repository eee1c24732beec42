package io.neurite.train;

import io.neurite.plot.Chart;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Per-epoch metrics of one {@code fit}: loss, accuracy, val_loss, val_accuracy, lr... and why training stopped early. */
public final class History {
    private final List<Map<String, Double>> epochs = new ArrayList<>();
    private String stopReason;

    void add(Map<String, Double> logs) { epochs.add(Collections.unmodifiableMap(new LinkedHashMap<>(logs))); }

    void stopped(String reason) { this.stopReason = reason; }

    /** Number of epochs completed. */
    public int epochs() { return epochs.size(); }

    /** The logs of epoch {@code epoch} (from 1). */
    public Map<String, Double> epoch(int epoch) { return epochs.get(epoch - 1); }

    /** Names of all metrics logged, in first-seen order. */
    public Set<String> metrics() {
        Set<String> names = new LinkedHashSet<>();
        epochs.forEach(e -> names.addAll(e.keySet()));
        return names;
    }

    /** One value per epoch (NaN where an epoch did not log it); fails naming the logged metrics if unknown. */
    public double[] metric(String name) {
        if (!metrics().contains(name)) {
            throw new IllegalArgumentException("no metric '" + name + "' in this history; logged: " + metrics());
        }
        return epochs.stream().mapToDouble(e -> e.getOrDefault(name, Double.NaN)).toArray();
    }

    /** The value in the last epoch. */
    public double last(String name) {
        double[] v = metric(name);
        return v[v.length - 1];
    }

    /** Why training ended before its last epoch (early stopping, divergence...), if it did. */
    public Optional<String> stopReason() { return Optional.ofNullable(stopReason); }

    /** Loss curves (loss and, if present, val_loss) per epoch. */
    public Chart plot() {
        return plot(metrics().stream().filter(m -> m.endsWith("loss")).toArray(String[]::new));
    }

    /** The named metrics per epoch on one chart. */
    public Chart plot(String... names) {
        Chart chart = Chart.lines("Training history", "epoch", String.join(", ", names));
        double[] x = new double[epochs()];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        for (String n : names) chart.series(n, x, metric(n));
        return chart;
    }

    /** epoch,metric1,metric2,... with one row per epoch. */
    public String toCsv() {
        List<String> names = new ArrayList<>(metrics());
        StringBuilder sb = new StringBuilder("epoch");
        names.forEach(n -> sb.append(',').append(n));
        sb.append('\n');
        for (int i = 0; i < epochs.size(); i++) {
            sb.append(i + 1);
            for (String n : names) sb.append(',').append(epochs.get(i).getOrDefault(n, Double.NaN));
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "History[" + epochs() + " epochs" + (stopReason == null ? "" : ", stopped: " + stopReason) + "]";
    }
}
