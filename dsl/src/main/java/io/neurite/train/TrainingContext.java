package io.neurite.train;

import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What a {@link Callback} may see and change while training runs. */
public interface TrainingContext {
    /** The epochs finished so far. */
    History history();

    /** Ends training after the current step; {@code reason} is kept in the history and printed. */
    void stop(String reason);

    double learningRate();

    void setLearningRate(double learningRate);

    /** A copy of the trained parameters. */
    INDArray parameters();

    void setParameters(INDArray parameters);

    /** Saves what is trained (for a model: definition, weights, optimizer state) to {@code file}, atomically. */
    void save(Path file);
}
