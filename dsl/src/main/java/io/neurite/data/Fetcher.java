package io.neurite.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fetches a full dataset into the data home. Sources are tried in order; each retrieval happens in a staging folder
 * inside the data home, every file's SHA-256 must match the recorded digest, and only then is the dataset's folder
 * replaced by an atomic rename. A failed fetch removes its staging folder and leaves any previous copy untouched.
 */
final class Fetcher {
    private final Path home;
    private final PrintWriter log;

    Fetcher(Path home, PrintWriter log) {
        this.home = home;
        this.log = log;
    }

    /** Fetches {@code entry}; returns the dataset folder. Throws when every source failed, listing each failure. */
    Path fetch(Catalog.Entry entry) throws IOException {
        Files.createDirectories(home);
        Path target = home.resolve(entry.name());
        Path stage = Files.createTempDirectory(home, ".stage-" + entry.name() + "-");
        try {
            List<String> failures = new ArrayList<>();
            for (Source source : entry.sources()) {
                log.println("fetching " + entry.name() + ": " + source.describe());
                Path ready = stage.resolve("ready");
                try {
                    collect(entry, source, stage.resolve("work"), ready);
                    install(ready, target, stage);
                    log.println("fetched " + entry.name() + " into " + target);
                    return target;
                } catch (IOException | RuntimeException e) {
                    failures.add(source.describe() + ": " + e.getMessage());
                    log.println("  failed: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while fetching " + entry.name(), e);
                } finally {
                    deleteTree(stage.resolve("work"));
                    deleteTree(ready);
                }
            }
            throw new IOException("could not fetch " + entry.name() + (Files.exists(target)
                    ? " (the previous copy in " + target + " is unchanged)" : "") + ":\n  " + String.join("\n  ", failures));
        } finally {
            deleteTree(stage);
        }
    }

    private static void collect(Catalog.Entry entry, Source source, Path work, Path ready)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Files.createDirectories(ready);
        Map<String, Path> got = source.retrieve(List.copyOf(entry.files().keySet()), work);
        for (Map.Entry<String, String> file : entry.files().entrySet()) {
            Path path = got.get(file.getKey());
            if (path == null || !Files.isRegularFile(path)) {
                throw new IOException("the source did not provide " + file.getKey());
            }
            String actual = sha256(path);
            if (!actual.equals(file.getValue())) {
                throw new IOException(file.getKey() + ": SHA-256 " + actual + " but expected " + file.getValue());
            }
            Files.move(path, ready.resolve(file.getKey()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Renames {@code ready} to {@code target}; an existing target is first renamed aside and restored on failure. */
    private static void install(Path ready, Path target, Path stage) throws IOException {
        Path old = stage.resolve("previous");
        boolean hadOld = Files.exists(target);
        if (hadOld) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(ready, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            if (hadOld) Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
    }

    /** Hex SHA-256 of a file's bytes. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
