package io.neurite.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Writes the history as CSV (epoch, then one column per metric), rewritten atomically after every epoch. */
public final class CsvLogger implements Callback {
    private final Path file;

    private CsvLogger(Path file) { this.file = file; }

    public static CsvLogger to(Path file) { return new CsvLogger(file); }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        History h = context.history();
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, h.toCsv());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training log " + file, e);
        }
    }
}
