package io.neurite.train;

import io.neurite.data.Dataset;
import io.neurite.eval.Metrics;
import io.neurite.util.NativeMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training loop behind {@code Model.fit}: one DL4J step per mini-batch, on the caller's thread (no asynchronous
 * prefetch, so an exception in the data source surfaces at once and cannot hang training). After each epoch it logs
 * loss (mean batch loss), accuracy (for classifiers, measured in inference mode on up to
 * {@value #TRAIN_METRIC_SAMPLE} training examples), val_* on the validation data, and lr.
 */
public final class Trainer {
    /** Training examples scored per epoch for the train accuracy. */
    public static final int TRAIN_METRIC_SAMPLE = 5000;
    /** Examples per forward pass when scoring or predicting: bounds the activations held at once. */
    public static final int SCORING_BATCH = 64;

    private final ComputationGraph net;
    private final Loss loss;
    private final Consumer<Path> saver;
    private final Consumer<DataSet> checkBatch;

    /**
     * @param saver saves the whole model to a path (for checkpoints)
     * @param checkBatch fails with a clear message when a batch does not fit the model
     */
    public Trainer(ComputationGraph net, Loss loss, Consumer<Path> saver, Consumer<DataSet> checkBatch) {
        this.net = net;
        this.loss = loss;
        this.saver = saver;
        this.checkBatch = checkBatch;
    }

    /** Trains on an in-memory dataset. */
    public History fit(Dataset train, Fit fit) {
        Dataset trainPart = train;
        Dataset validation = fit.validation();
        if (fit.validationSplit() > 0) {
            Dataset.Split split = train.split(1 - fit.validationSplit(), fit.seed());
            trainPart = split.first();
            validation = split.second();
        }
        checkBatch.accept(trainPart.toDataSet());
        if (validation != null) checkBatch.accept(validation.toDataSet());
        Dataset data = trainPart;
        int batch = fit.batchSizeFor(data.size());
        Batches batches = new Batches() {
            @Override public int steps() { return (data.size() + batch - 1) / batch; }

            @Override
            public Iterator<DataSet> epoch(int epoch) {
                Dataset order = fit.shuffle() ? data.shuffled(fit.seed() + epoch) : data;
                return order.batches(batch).iterator();
            }
        };
        return run(batches, data.take(TRAIN_METRIC_SAMPLE), validation, fit);
    }

    /** Trains on a DL4J iterator, which is reset before every epoch; its batch size applies. */
    public History fit(DataSetIterator train, Fit fit) {
        if (fit.validationSplit() > 0) {
            throw new IllegalArgumentException("validationSplit needs an in-memory Dataset; pass validation(...) instead");
        }
        Batches batches = new Batches() {
            @Override public int steps() { return -1; }

            @Override
            public Iterator<DataSet> epoch(int epoch) {
                if (train.resetSupported()) train.reset();
                return new Iterator<>() {
                    @Override public boolean hasNext() { return train.hasNext(); }

                    @Override
                    public DataSet next() {
                        DataSet ds = train.next();
                        checkBatch.accept(ds);
                        return ds;
                    }
                };
            }
        };
        return run(batches, null, fit.validation(), fit);
    }

    private History run(Batches batches, Dataset trainSample, Dataset validation, Fit fit) {
        History history = new History();
        Context context = new Context(history);
        List<Callback> callbacks = new ArrayList<>(fit.callbacks());
        if (callbacks.stream().noneMatch(c -> c instanceof TerminateOnNaN)) callbacks.add(new TerminateOnNaN());
        callbacks.forEach(c -> c.onTrainBegin(context));
        Progress progress = fit.progress();
        for (int epoch = 1; epoch <= fit.epochs() && context.stopReason == null; epoch++) {
            long start = System.nanoTime();
            progress.epochStart(epoch, fit.epochs(), batches.steps());
            double lossSum = 0;
            int steps = 0;
            Iterator<DataSet> it = batches.epoch(epoch - 1);
            while (it.hasNext() && context.stopReason == null) {
                net.fit(it.next());
                NativeMemory.collectIfGrown();
                double batchLoss = net.score();
                lossSum += batchLoss;
                steps++;
                progress.step(batchLoss);
                for (Callback c : callbacks) c.onBatchEnd(epoch, steps, batchLoss, context);
            }
            if (steps == 0) throw new IllegalArgumentException("the training data produced no batches in epoch " + epoch);
            double epochRate = context.learningRate();
            net.incrementEpochCount();
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", lossSum / steps);
            if (trainSample != null && loss.task() != Loss.Task.REGRESSION) logs.putAll(score(trainSample));
            if (validation != null) {
                // the data loss alone: an L1/L2 penalty belongs to training, not to how well validation data is fit
                logs.put("val_loss", meanLoss(net, validation, SCORING_BATCH));
                if (loss.task() != Loss.Task.REGRESSION) score(validation).forEach((k, v) -> logs.put("val_" + k, v));
            }
            logs.put("lr", epochRate);
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

    private Map<String, Double> score(Dataset data) {
        INDArray predictions = predict(net, data.features(), SCORING_BATCH);
        return Metrics.of(loss.task(), data.labels(), predictions, data.classNames()).asMap();
    }

    /**
     * Mean per-example loss of {@code net} on {@code data} in inference mode, without the L1/L2 penalty, scored
     * {@code batchSize} examples at a time so memory stays bounded whatever the data's size.
     */
    public static double meanLoss(ComputationGraph net, Dataset data, int batchSize) {
        double sum = 0;
        for (DataSet batch : data.batches(batchSize)) {
            sum += net.scoreExamples(batch, false).sumNumber().doubleValue();
            NativeMemory.collectIfGrown();
        }
        return sum / data.size();
    }

    /** Outputs of the first output layer for all rows of {@code features}, in batches, in inference mode. */
    public static INDArray predict(ComputationGraph net, INDArray features, int batchSize) {
        long n = features.size(0);
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray rows = features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
            parts.add(net.outputSingle(false, rows).dup());
            NativeMemory.collectIfGrown();
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /** Mini-batches of one epoch. */
    private interface Batches {
        /** Steps per epoch, or -1 if unknown. */
        int steps();

        Iterator<DataSet> epoch(int epoch);
    }

    private final class Context implements TrainingContext {
        private final History history;
        private String stopReason;

        Context(History history) { this.history = history; }

        @Override public ComputationGraph network() { return net; }

        @Override public History history() { return history; }

        @Override
        public void stop(String reason) {
            if (stopReason == null) stopReason = reason;
        }

        @Override
        public double learningRate() {
            for (var layer : net.getLayers()) {
                Double lr = net.getLearningRate(layer.conf().getLayer().getLayerName());
                if (lr != null) return lr;
            }
            return Double.NaN;
        }

        @Override public void setLearningRate(double lr) { net.setLearningRate(lr); }

        @Override public void save(Path file) { saver.accept(file); }
    }
}
