package io.neurite.train;

import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** What a {@link Callback} may see and change while a model trains. */
public interface TrainingContext {
    /** The DL4J network being trained. */
    ComputationGraph network();

    /** The epochs finished so far. */
    History history();

    /** Ends training after the current step; {@code reason} is kept in the history and printed. */
    void stop(String reason);

    double learningRate();

    void setLearningRate(double learningRate);

    /** Saves the whole model (definition, weights, optimizer state) to {@code file}, atomically. */
    void save(Path file);
}
