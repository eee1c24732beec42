package io.neurite.model;

import io.neurite.spec.ModelSpec;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.util.ZipIntegrity;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/** A model on disk: DL4J's zip (configuration, weights, optimizer state) with the Neurite definition inside. */
final class ModelFile {
    private static final String SAVED_ENTRY = "neurite-model";

    private ModelFile() { }

    /** What is stored beside DL4J's own files. */
    record Saved(ModelSpec spec, Map<String, Loss> losses, Optimizer optimizer) implements Serializable { }

    /** Writes the file whole or not at all: a temporary file in the same folder, then an atomic move. */
    static void save(Path file, ComputationGraph network, Saved saved) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".model", ".tmp");
            try {
                ModelSerializer.writeModel(network, tmp.toFile(), true);
                ModelSerializer.addObjectToFile(tmp.toFile(), SAVED_ENTRY, saved);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model '" + saved.spec().name() + "' to " + file, e);
        }
    }

    /** Reads a file written by {@link #save}; a file damaged since fails naming the damage ({@link ZipIntegrity}). */
    static Model load(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no saved model at " + file);
        ZipIntegrity.requireIntact(file);
        try {
            Saved saved = ModelSerializer.getObjectFromFile(file.toFile(), SAVED_ENTRY);
            ComputationGraph network = ModelSerializer.restoreComputationGraph(file.toFile(), true);
            return new Model(saved.spec(), saved.losses(), saved.optimizer(), network);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a Neurite model saved with Model.save: " + e.getMessage()
                    + "; Model.load reads only what Model.save wrote (Keras .h5 weights: KerasWeights.load)", e);
        }
    }
}
