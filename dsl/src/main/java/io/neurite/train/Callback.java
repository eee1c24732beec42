package io.neurite.train;

import java.util.Map;

/** Hooks into {@code fit}, as in Keras. Epochs are numbered from 1; {@code logs} holds that epoch's metrics. */
public interface Callback {
    default void onTrainBegin(TrainingContext context) { }

    /** After each mini-batch step (numbered from 1 within the epoch) with that batch's loss. */
    default void onBatchEnd(int epoch, int step, double loss, TrainingContext context) { }

    default void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) { }

    default void onTrainEnd(TrainingContext context) { }
}
