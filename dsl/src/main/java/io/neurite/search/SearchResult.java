package io.neurite.search;

import io.neurite.model.Model;
import io.neurite.plot.Chart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every candidate of a search, in the order they were drawn, with the best one's trained model. {@link #toString()}
 * is the table (values, status, score, epochs, seconds), {@link #writeCsv} the same as CSV.
 */
public final class SearchResult {
    private final Space space;
    private final Objective objective;
    private final String strategy;
    private final List<Trial> trials;
    private final Trial best;
    private final Model bestModel;

    SearchResult(Space space, Objective objective, String strategy, List<Trial> trials, Trial best, Model bestModel) {
        this.space = space;
        this.objective = objective;
        this.strategy = strategy;
        this.trials = List.copyOf(trials);
        this.best = best;
        this.bestModel = bestModel;
    }

    /** Every candidate, failed ones included, in the order they were drawn. */
    public List<Trial> trials() { return trials; }

    /** The objective the search optimized. */
    public Objective objective() { return objective; }

    /** The strategy, as its record prints, e.g. {@code Random[trials=12]}. */
    public String strategy() { return strategy; }

    /**
     * The best candidate: of those that completed the full epochs, the one with the best score. Throws when every
     * candidate failed, quoting the first failure.
     */
    public Trial best() {
        if (best == null) {
            String first = trials.stream().filter(t -> !t.succeeded()).map(Trial::note).findFirst().orElse("none");
            throw new IllegalStateException("no candidate of the " + trials.size() + " completed, so there is no best;"
                    + " the first failure: " + first);
        }
        return best;
    }

    /** The best candidate's model, trained for the full epochs. */
    public Model bestModel() {
        best();
        return bestModel;
    }

    /** Epochs trained by all candidates together: the search's cost. */
    public int totalEpochs() { return trials.stream().mapToInt(Trial::epochs).sum(); }

    /** Seconds spent training and scoring all candidates together. */
    public double totalSeconds() { return trials.stream().mapToDouble(Trial::seconds).sum(); }

    /** Writes the best model with {@link Model#save}; {@link Model#load} reads it back. */
    public Path saveBest(Path file) {
        bestModel().save(file);
        return file;
    }

    /** The table as CSV: trial, one column per hyperparameter, status, score, epochs, seconds, note. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(String.join(",", header(space, objective).stream()
                .map(SearchResult::cell).toList())).append('\n');
        for (Trial t : trials) {
            csv.append(t.index());
            for (String name : space.names()) csv.append(',').append(cell(String.valueOf(t.values().get(name))));
            csv.append(',').append(t.status()).append(',').append(t.score()).append(',').append(t.epochs())
                    .append(',').append(String.format(Locale.ROOT, "%.3f", t.seconds())).append(',')
                    .append(cell(t.note())).append('\n');
        }
        return csv.toString();
    }

    /** Writes {@link #toCsv()} to {@code file}, creating folders; the file appears whole or not at all. */
    public Path writeCsv(Path file) {
        writeAtomically(file, toCsv());
        return file;
    }

    /**
     * Score against the hyperparameter {@code name}, one point per candidate that did not fail (log10 of the value for a
     * log-uniform range, the position in the list for a non-numeric choice); completed and stopped-early candidates
     * are separate series.
     */
    public Chart plot(String name) {
        space.kind(name);
        String axis = space.kind(name) == Space.Kind.LOG_UNIFORM ? "log10(" + name + ")" : name;
        Chart chart = Chart.lines(objective.name() + " against " + name + " (" + strategy + ")", axis,
                objective.name());
        for (Trial.Status status : List.of(Trial.Status.COMPLETED, Trial.Status.STOPPED_EARLY)) {
            List<Trial> these = trials.stream().filter(t -> t.status() == status).toList();
            if (these.isEmpty()) continue;
            double[] x = new double[these.size()];
            double[] y = new double[these.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = space.axisValue(name, these.get(i).values().get(name));
                y[i] = these.get(i).score();
            }
            chart.points(status == Trial.Status.COMPLETED ? "completed" : "stopped early", x, y);
        }
        return chart;
    }

    /** The table, one row per candidate, with the best marked by {@code *}. */
    @Override
    public String toString() {
        List<String> header = new ArrayList<>(List.of("trial"));
        header.addAll(space.names());
        header.addAll(List.of("status", objective.name(), "epochs", "seconds"));
        List<List<String>> rows = new ArrayList<>();
        for (Trial t : trials) {
            List<String> row = new ArrayList<>(List.of((t == best ? "*" : "") + t.index()));
            for (String name : space.names()) row.add(format(t.values().get(name)));
            row.addAll(List.of(t.status().toString(), format(t.score()), String.valueOf(t.epochs()),
                    String.format(Locale.ROOT, "%.1f", t.seconds())));
            if (!t.succeeded()) row.add(t.note());
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) widths[c] = Math.max(widths[c], row.get(c).length());
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, widths);
        for (List<String> row : rows) appendRow(out, row, widths);
        out.append(String.format(Locale.ROOT, "%s: %d candidates, %d failed, %d epochs, %.1f s%n", strategy,
                trials.size(), trials.stream().filter(t -> !t.succeeded()).count(), totalEpochs(), totalSeconds()));
        return out.toString();
    }

    /** The CSV's columns. */
    static List<String> header(Space space, Objective objective) {
        List<String> header = new ArrayList<>(List.of("trial"));
        header.addAll(space.names());
        header.addAll(List.of("status", objective.name(), "epochs", "seconds", "note"));
        return header;
    }

    static void writeAtomically(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".search", ".tmp");
            try {
                Files.writeString(tmp, text);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the search table " + file + ": " + e.getMessage(), e);
        }
    }

    private static void appendRow(StringBuilder out, List<String> row, int[] widths) {
        for (int c = 0; c < row.size(); c++) {
            String cell = row.get(c);
            if (c >= widths.length) out.append("  ").append(cell);
            else out.append(c == 0 ? "" : "  ").append(" ".repeat(widths[c] - cell.length())).append(cell);
        }
        out.append('\n');
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(value);
    }

    private static String cell(String text) {
        text = text.replace('\n', ' ').replace('\r', ' ');
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
