package io.neurite.model;

import io.neurite.spec.ModelSpec;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.util.ZipIntegrity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A model on disk: DL4J's zip (configuration, weights, optimizer state, in DL4J's format) with the Neurite definition
 * beside them as versioned JSON text in the entry {@value ModelJson#ENTRY} (format: {@link ModelJson}).
 */
final class ModelFile {
    private ModelFile() { }

    /** What is stored beside DL4J's own files. */
    record Saved(ModelSpec spec, Map<String, Loss> losses, Optimizer optimizer) { }

    /** Writes the file whole or not at all: a temporary file in the same folder, then an atomic move. */
    static void save(Path file, ComputationGraph network, Saved saved) {
        byte[] definition = ModelJson.write(saved);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".model", ".tmp");
            try {
                ModelSerializer.writeModel(network, tmp.toFile(), true);
                try (FileSystem zip = FileSystems.newFileSystem(tmp)) {
                    Files.write(zip.getPath(ModelJson.ENTRY), definition);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model '" + saved.spec().name() + "' to " + file, e);
        }
    }

    /**
     * Reads a file written by {@link #save}. Fails naming the file when there is none, when it is damaged, when it
     * lacks the Neurite definition, or when the definition has another format or a version this Neurite does not read.
     */
    static Model load(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no saved model at " + file);
        ZipIntegrity.requireIntact(file);
        Saved saved = ModelJson.read(definition(file), file);
        ComputationGraph network;
        try {
            network = ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
        return new Model(saved.spec(), saved.losses(), saved.optimizer(), network);
    }

    private static byte[] definition(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(ModelJson.ENTRY);
            if (entry == null) {
                throw new IllegalArgumentException(file + " has no Neurite definition (zip entry " + ModelJson.ENTRY
                        + "): it was not written by Model.save, or by a Neurite from before the JSON format "
                        + "(load it with that Neurite and save it again with this one)");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (java.util.zip.ZipException e) {
            // ZipIntegrity found no damaged zip, so this is not a zip at all
            throw new IllegalArgumentException(file + " is not a Neurite model saved with Model.save: " + e.getMessage()
                    + "; Model.load reads only what Model.save wrote (Keras .h5 weights: KerasWeights.load)", e);
        } catch (IOException e) {
            throw damaged(file, e);
        }
    }

    /** The error for a file that cannot be read as a zip with DL4J's network in it. */
    private static IllegalArgumentException damaged(Path file, Exception cause) {
        return new IllegalArgumentException(file + " is damaged: it cannot be read as a saved model (" + cause
                + "); save the model again, or restore the file from a copy", cause);
    }
}
