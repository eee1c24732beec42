package io.neurite.train;

import io.neurite.data.Dataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training step on one mini-batch, as Keras' {@code train_step}: what {@code fit} repeats. {@code Model.fit}
 * uses the model's own step (forward, loss, backward, optimizer); write one by hand for anything else, such as two
 * models trained in turn (a GAN) or a loss with extra terms, and call {@link #fit} to get the same epochs, progress bar,
 * {@link History}, callbacks and early stopping as any model:
 * <pre>{@code
 * TrainingStep gan = batch -> Map.of("d_loss", trainDiscriminator(batch), "g_loss", trainGenerator(batch));
 * History h = gan.fit(Dataset.unlabelled(images), Fit.epochs(20).batchSize(64));
 * }</pre>
 * The methods beyond {@link #train} let callbacks read and change what is trained; a step that does not support one
 * says so when a callback needs it.
 */
@FunctionalInterface
public interface TrainingStep {
    /**
     * Updates the model(s) on {@code batch} and returns that step's numbers by name; the epoch logs their means. A
     * {@code "loss"} entry, if any, is shown in the progress bar and watched for divergence ({@link TerminateOnNaN}).
     */
    Map<String, Double> train(Dataset batch);

    /** Scores on {@code data} in inference mode at the end of an epoch (logged with a {@code val_} prefix for validation data). */
    default Map<String, Double> evaluate(Dataset data) { return Map.of(); }

    /** Called after each epoch's last step (a model counts epochs for its learning-rate schedule). */
    default void epochDone() { }

    /** The learning rate now, or NaN when there is no single one. */
    default double learningRate() { return Double.NaN; }

    default void setLearningRate(double rate) { throw unsupported("setting the learning rate"); }

    /** A copy of all trained parameters (for restoring the best epoch). */
    default INDArray parameters() { throw unsupported("reading the parameters"); }

    default void setParameters(INDArray parameters) { throw unsupported("restoring parameters"); }

    /** Saves what is trained to {@code file}, atomically. */
    default void save(Path file) { throw unsupported("saving"); }

    /** Callbacks this step brings to every {@code fit} with it, run after the user's (a GAN's divergence monitor). */
    default List<Callback> callbacks() { return List.of(); }

    /** Trains with this step: {@code fit.epochs()} passes over {@code data} in mini-batches. */
    default History fit(Dataset data, Fit fit) { return TrainingLoop.run(this, data, fit); }

    /** Trains with this step: epoch e (from 1) in mini-batches over {@code epochs.apply(e)}, data drawn for that pass. */
    default History fit(IntFunction<Dataset> epochs, Fit fit) { return TrainingLoop.run(this, epochs, fit); }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + " is not supported by this training step ("
                + getClass().getSimpleName() + "); override the TrainingStep method for it, or drop the callback that needs it");
    }
}
