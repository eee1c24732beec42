package io.neurite.recipes;

import io.neurite.data.DataSize;
import io.neurite.plot.Plot;
import io.neurite.train.Fit;
import io.neurite.train.Progress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a recipe runs with: the output folder for its plots, a factor scaling every epoch count, the data size, where
 * to print, and how to show training progress.
 */
public final class RecipeContext {
    private final Path outDir;
    private final double epochsScale;
    private final DataSize dataSize;
    private final PrintStream out;
    private final Progress progress;
    private String text;

    /**
     * @param epochsScale multiplies every epoch count (at least 1 epoch is kept); 1 runs the lesson as written
     */
    public RecipeContext(Path outDir, double epochsScale, DataSize dataSize, PrintStream out, Progress progress) {
        if (!(epochsScale > 0) || Double.isInfinite(epochsScale)) {
            throw new IllegalArgumentException("epochs scale must be a positive number, got " + epochsScale);
        }
        this.outDir = outDir;
        this.epochsScale = epochsScale;
        this.dataSize = dataSize;
        this.out = out;
        this.progress = progress;
    }

    /** As written: scale 1, embedded data, printing to standard output with one progress line per epoch. */
    public static RecipeContext standard(Path outDir) {
        return new RecipeContext(outDir, 1, DataSize.MINI, System.out, Progress.lines());
    }

    /** The same context with another epochs scale. */
    public RecipeContext withEpochsScale(double scale) {
        RecipeContext c = new RecipeContext(outDir, scale, dataSize, out, progress);
        c.text = text;
        return c;
    }

    /** The same context with the user's own text for recipes that read one (a review to classify, a prompt). */
    public RecipeContext withText(String userText) {
        RecipeContext c = new RecipeContext(outDir, epochsScale, dataSize, out, progress);
        c.text = userText;
        return c;
    }

    /** The user's own text ({@code --text}), if given. */
    public Optional<String> text() { return Optional.ofNullable(text); }

    /** The same context without training progress output (the recipe's own numbers are still printed). */
    public RecipeContext quiet() {
        RecipeContext c = new RecipeContext(outDir, epochsScale, dataSize, out, Progress.silent());
        c.text = text;
        return c;
    }

    /** {@code base} epochs times the scale, rounded, at least 1. */
    public int epochs(int base) {
        return (int) Math.max(1, Math.round(base * epochsScale));
    }

    /** {@code Fit.epochs(epochs(base))} with this context's progress display. */
    public Fit fit(int baseEpochs) {
        return Fit.epochs(epochs(baseEpochs)).progress(progress);
    }

    public Path outDir() { return outDir; }

    public double epochsScale() { return epochsScale; }

    /** Embedded subsets ({@code MINI}) or complete datasets from the data home ({@code FULL}, {@code --full}). */
    public DataSize dataSize() { return dataSize; }

    public PrintStream out() { return out; }

    /** Formatted output, like {@code printf}. */
    public void printf(String format, Object... args) { out.printf(format, args); }

    public void println(String line) { out.println(line); }

    /** Saves {@code plot} as {@code fileName} in the output folder and prints its path. */
    public Path save(Plot plot, String fileName) {
        Path file = plot.save(outDir.resolve(fileName));
        out.println("plot: " + file);
        return file;
    }
}
