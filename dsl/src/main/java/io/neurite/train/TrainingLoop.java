package io.neurite.train;

import io.neurite.data.Dataset;
import io.neurite.util.NativeMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loop behind every {@code fit}: epochs of mini-batches on the caller's thread (no asynchronous prefetch, so an
 * exception in the data surfaces at once and cannot hang training), one {@link TrainingStep} per batch, callbacks after
 * batches and epochs. Each epoch logs the mean of the steps' numbers (loss...), then the step's scores on up to
 * {@value #TRAIN_METRIC_SAMPLE} training examples (accuracy... in inference mode; the mean batch loss is kept), then
 * val_* on the validation data, then lr.
 */
public final class TrainingLoop {
    /** Training examples scored per epoch for the train metrics. */
    public static final int TRAIN_METRIC_SAMPLE = 5000;

    private TrainingLoop() { }

    /** Runs {@code fit.epochs()} epochs of {@code step} over {@code data}. */
    public static History run(TrainingStep step, Dataset data, Fit fit) {
        Dataset train = data;
        Dataset validation = fit.validation();
        if (fit.validationSplit() > 0) {
            Dataset.Split split = data.split(1 - fit.validationSplit(), fit.seed());
            train = split.first();
            validation = split.second();
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException("fit got no training examples" + (fit.validationSplit() > 0
                    ? " after holding out " + fit.validationSplit() + " for validation of " + data.size() : "")
                    + "; pass a dataset with at least one example");
        }
        Dataset fixed = train;
        return run(step, epoch -> fixed, validation, fit);
    }

    /**
     * Runs {@code fit.epochs()} epochs of {@code step}, epoch e (from 1) over {@code epochs.apply(e)}: data drawn
     * afresh for each pass (BERT's masks, RoBERTa's "dynamic masking"), seeded by whoever draws it. Validation data
     * comes from {@link Fit#validation}; a validation split would hold out different examples each epoch.
     */
    public static History run(TrainingStep step, IntFunction<Dataset> epochs, Fit fit) {
        if (fit.validationSplit() > 0) {
            throw new IllegalArgumentException("a validation split needs the same data every epoch; data drawn per epoch"
                    + " takes its validation data from Fit.validation");
        }
        return run(step, epochs, fit.validation(), fit);
    }

    private static History run(TrainingStep step, IntFunction<Dataset> epochs, Dataset validation, Fit fit) {
        if (validation != null && validation.size() == 0) {
            throw new IllegalArgumentException("the validation data has no examples; pass more data or a larger split");
        }
        History history = new History();
        Context context = new Context(step, history);
        List<Callback> callbacks = new ArrayList<>(fit.callbacks());
        callbacks.addAll(step.callbacks());
        if (callbacks.stream().noneMatch(c -> c instanceof TerminateOnNaN)) callbacks.add(new TerminateOnNaN());
        if (callbacks.stream().noneMatch(c -> c instanceof StopOnDivergence)) callbacks.add(new StopOnDivergence());
        callbacks.forEach(c -> c.onTrainBegin(context));
        Progress progress = fit.progress();
        for (int epoch = 1; epoch <= fit.epochs() && context.stopReason == null; epoch++) {
            long start = System.nanoTime();
            Dataset train = epochs.apply(epoch);
            if (train.size() == 0) {
                throw new IllegalArgumentException("fit got no training examples for epoch " + epoch
                        + "; pass a dataset with at least one example");
            }
            int batch = fit.batchSizeFor(train.size());
            int steps = fit.stepsPerEpoch(train.size());
            progress.epochStart(epoch, fit.epochs(), steps);
            Map<String, Double> sums = new LinkedHashMap<>();
            int done = 0;
            Dataset order = fit.shuffle() ? train.shuffled(fit.seed() + epoch - 1) : train;
            for (Dataset b : order.batches(batch)) {
                if (context.stopReason != null) break;
                Map<String, Double> logs = step.train(b);
                NativeMemory.collectIfGrown();
                logs.forEach((k, v) -> sums.merge(k, v, Double::sum));
                done++;
                double loss = logs.getOrDefault("loss", logs.isEmpty() ? Double.NaN : logs.values().iterator().next());
                progress.step(loss);
                for (Callback c : callbacks) c.onBatchEnd(epoch, done, loss, context);
            }
            double epochRate = step.learningRate();
            step.epochDone();
            int n = done;
            Map<String, Double> logs = new LinkedHashMap<>();
            sums.forEach((k, v) -> logs.put(k, v / n));
            step.evaluate(train.take(TRAIN_METRIC_SAMPLE)).forEach(logs::putIfAbsent);
            if (validation != null) step.evaluate(validation).forEach((k, v) -> logs.put("val_" + k, v));
            if (!Double.isNaN(epochRate)) logs.put("lr", epochRate);
            history.add(logs);
            progress.epochEnd(epoch, fit.epochs(), logs, (System.nanoTime() - start) / 1e9);
            for (Callback c : callbacks) c.onEpochEnd(epoch, logs, context);
        }
        callbacks.forEach(c -> c.onTrainEnd(context));
        if (context.stopReason != null) {
            history.stopped(context.stopReason);
            progress.message("Training stopped: " + context.stopReason);
        }
        return history;
    }

    private static final class Context implements TrainingContext {
        private final TrainingStep step;
        private final History history;
        private String stopReason;

        Context(TrainingStep step, History history) {
            this.step = step;
            this.history = history;
        }

        @Override public History history() { return history; }

        @Override
        public void stop(String reason) {
            if (stopReason == null) stopReason = reason;
        }

        @Override public double learningRate() { return step.learningRate(); }

        @Override public void setLearningRate(double lr) { step.setLearningRate(lr); }

        @Override public INDArray parameters() { return step.parameters(); }

        @Override public void setParameters(INDArray parameters) { step.setParameters(parameters); }

        @Override public void save(Path file) { step.save(file); }
    }
}
