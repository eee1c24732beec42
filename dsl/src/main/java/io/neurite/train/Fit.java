package io.neurite.train;

import io.neurite.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * How to train: {@code Fit.epochs(10).batchSize(64).validation(test).callbacks(EarlyStopping.on("val_loss"))}.
 * Defaults: batch 32, shuffled each epoch with seed 42, progress shown, {@link TerminateOnNaN} and
 * {@link StopOnDivergence} on.
 * The system property {@code neurite.maxEpochs} caps epochs (used to run notebooks quickly in CI).
 */
public final class Fit {
    private final int epochs;
    private int batchSize = 32;
    private boolean fullBatch;
    private boolean shuffle = true;
    private long seed = 42;
    private Dataset validation;
    private double validationSplit;
    private final List<Callback> callbacks = new ArrayList<>();
    private Progress progress = Progress.auto();

    private Fit(int epochs) {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        this.epochs = Math.min(epochs, Integer.getInteger("neurite.maxEpochs", Integer.MAX_VALUE));
    }

    public static Fit epochs(int epochs) { return new Fit(epochs); }

    /** Examples per gradient step: 1 is stochastic gradient descent, more is mini-batch. */
    public Fit batchSize(int size) {
        if (size < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + size);
        this.batchSize = size;
        this.fullBatch = false;
        return this;
    }

    /** One gradient step per epoch over all examples: (full-batch) gradient descent. */
    public Fit fullBatch() {
        this.fullBatch = true;
        return this;
    }

    /** Whether to reshuffle the training examples before each epoch (default true). */
    public Fit shuffle(boolean enabled) {
        this.shuffle = enabled;
        return this;
    }

    /** Seed for shuffling and the validation split. */
    public Fit seed(long value) {
        this.seed = value;
        return this;
    }

    /** Data scored after every epoch as val_loss and val_accuracy; never trained on. */
    public Fit validation(Dataset data) {
        this.validation = data;
        return this;
    }

    /** Holds out this fraction of the (shuffled) training data as validation data. */
    public Fit validationSplit(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation split must be in (0, 1), got " + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    public Fit callbacks(Callback... list) {
        this.callbacks.addAll(List.of(list));
        return this;
    }

    /** How progress is shown: {@link Progress#bar()}, {@link Progress#lines()} or {@link Progress#silent()}. */
    public Fit progress(Progress p) {
        this.progress = p;
        return this;
    }

    /** No progress output. */
    public Fit quiet() { return progress(Progress.silent()); }

    public int epochs() { return epochs; }

    /** The batch size for {@code examples} training examples. */
    public int batchSizeFor(int examples) { return fullBatch ? examples : batchSize; }

    /** The training steps of one epoch over {@code examples} examples: ceil(examples / batch size), the last batch short. */
    public int stepsPerEpoch(int examples) {
        int batch = batchSizeFor(examples);
        return (examples + batch - 1) / batch;
    }

    public boolean shuffle() { return shuffle; }

    public long seed() { return seed; }

    public Dataset validation() { return validation; }

    public double validationSplit() { return validationSplit; }

    public List<Callback> callbacks() { return List.copyOf(callbacks); }

    public Progress progress() { return progress; }
}
