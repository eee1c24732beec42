package io.neurite.model;

import io.neurite.data.BertPairs;
import io.neurite.data.Dataset;
import io.neurite.train.TrainingStep;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Pretraining a {@link Bert#pretraining} model on {@link BertPairs} data, both losses in one step (d2l 15.10): each
 * batch's MLM ids become one-hot rows and the model's own step minimizes the sum of the MLM cross-entropy (over the
 * predicted positions) and the NSP cross-entropy. {@link #evaluate} logs, on the first {@value #SCORED} examples of
 * the data it is given, {@code mlm_loss}, {@code nsp_loss} and their sum {@code loss}, {@code mlm_accuracy} (the most
 * probable word against the original, at the positions whose input is {@code <mask>}) and {@code nsp_accuracy}.
 */
public final class BertPretraining implements TrainingStep {
    /** Examples scored per evaluation (the training sample's scores each epoch cost as much as the held-out ones). */
    public static final int SCORED = 4096;
    private static final int CHUNK = 64;
    private final Model model;
    private final TrainingStep step;

    public BertPretraining(Model model) {
        this.model = model;
        this.step = model.trainingStep();
    }

    public Model model() { return model; }

    @Override
    public Map<String, Double> train(Dataset batch) { return step.train(expanded(batch)); }

    /**
     * {@code data} with its MLM ids as one-hot rows [n, steps, vocabulary] (the model's output), over as many steps as
     * the tokens (a batch cuts each masked array after its own last real step; the MLM mask may end earlier).
     */
    public Dataset expanded(Dataset data) {
        INDArray ids = data.labels(BertPairs.MLM);
        INDArray predicted = data.mask(BertPairs.MLM);
        long steps = data.features(BertPairs.TOKENS).size(1);
        long vocabulary = model.spec().shapes().get(BertPairs.MLM).features();
        INDArray oneHot = Nd4j.zeros(ids.dataType(), ids.size(0), steps, vocabulary);
        INDArray mask = Nd4j.zeros(predicted.dataType(), ids.size(0), steps);
        for (int i = 0; i < ids.size(0); i++) {
            for (int t = 0; t < steps; t++) {
                boolean labelled = t < ids.size(1);
                oneHot.putScalar(new long[] {i, t, labelled ? ids.getLong(i, t) : 0}, 1);
                if (labelled) mask.putScalar(i, t, predicted.getDouble(i, t));
            }
        }
        Map<String, INDArray> features = new LinkedHashMap<>();
        for (String name : data.featureNames()) features.put(name, data.features(name));
        Map<String, INDArray> labels = new LinkedHashMap<>();
        labels.put(BertPairs.MLM, oneHot);
        labels.put(BertPairs.NSP, data.labels(BertPairs.NSP));
        return Dataset.of(features, labels).withMask(BertPairs.TOKENS, data.mask(BertPairs.TOKENS))
                .withMask(BertPairs.SEGMENTS, data.mask(BertPairs.SEGMENTS)).withMask(BertPairs.MLM, mask);
    }

    @Override
    public Map<String, Double> evaluate(Dataset all) {
        Dataset data = all.take(SCORED);
        double mlmLoss = 0, predicted = 0, masked = 0, maskedRight = 0, nspLoss = 0, nspRight = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            Dataset chunk = expanded(data.slice(from, Math.min(data.size(), from + CHUNK)));
            Map<String, INDArray> p = Scoring.predict(model.network(), model.spec(), chunk,
                    Binding.of(model.spec(), chunk, "evaluate", false));
            INDArray words = chunk.labels(BertPairs.MLM);
            INDArray weights = chunk.mask(BertPairs.MLM).castTo(words.dataType());
            INDArray probability = p.get(BertPairs.MLM).mul(words).sum(2);
            mlmLoss -= Transforms.log(Transforms.max(probability, 1e-10, false)).muli(weights).sumNumber().doubleValue();
            predicted += weights.sumNumber().doubleValue();
            INDArray atMask = chunk.features(BertPairs.TOKENS).eq(BertPairs.MASK_ID).castTo(words.dataType()).muli(weights);
            INDArray right = p.get(BertPairs.MLM).argMax(2).eq(words.argMax(2)).castTo(words.dataType());
            masked += atMask.sumNumber().doubleValue();
            maskedRight += right.muli(atMask).sumNumber().doubleValue();
            INDArray next = chunk.labels(BertPairs.NSP);
            INDArray nsp = p.get(BertPairs.NSP);
            nspLoss -= Transforms.log(Transforms.max(nsp.mul(next).sum(1), 1e-10, false)).sumNumber().doubleValue();
            nspRight += nsp.argMax(1).eq(next.argMax(1)).castTo(next.dataType()).sumNumber().doubleValue();
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", mlmLoss / predicted + nspLoss / data.size());
        logs.put("mlm_loss", mlmLoss / predicted);
        logs.put("nsp_loss", nspLoss / data.size());
        logs.put("mlm_accuracy", maskedRight / masked);
        logs.put("nsp_accuracy", nspRight / data.size());
        return logs;
    }

    /**
     * The MLM accuracy of always answering the word most often predicted in {@code train}, at the positions of
     * {@code test} that {@link #evaluate} scores (those whose input is {@code <mask>} in its first {@value #SCORED}
     * examples): the baseline a model that ignores the context reaches.
     */
    public static double mostFrequentWordAccuracy(Dataset train, Dataset all) {
        Dataset test = all.take(SCORED);
        long commonest = predictedWordCounts(train).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow()
                .getKey();
        INDArray words = test.labels(BertPairs.MLM);
        INDArray tokens = test.features(BertPairs.TOKENS);
        INDArray mask = test.mask(BertPairs.MLM);
        double masked = 0, right = 0;
        for (int i = 0; i < words.size(0); i++) {
            for (int t = 0; t < words.size(1); t++) {
                if (mask.getDouble(i, t) > 0 && tokens.getLong(i, t) == BertPairs.MASK_ID) {
                    masked++;
                    if (words.getLong(i, t) == commonest) right++;
                }
            }
        }
        return right / masked;
    }

    /**
     * The NSP accuracy of the better constant answer on the first {@value #SCORED} examples of {@code all} (those
     * {@link #evaluate} scores): the fraction of its commoner class there, the most a model blind to both sentences can
     * score on them. It is not exactly 1/2: pairs longer than the steps are skipped, and not evenly between the classes
     * (a sentence and its successor tend to be alike in length, a random one does not).
     */
    public static double constantNextSentenceAccuracy(Dataset all) {
        return all.take(SCORED).labels(BertPairs.NSP).mean(0).maxNumber().doubleValue();
    }

    /**
     * The MLM loss of always answering the frequencies of the words predicted in {@code train} (add-one smoothed over
     * the vocabulary), at the positions of {@code test} that {@link #evaluate}'s {@code mlm_loss} scores (every
     * predicted position of its first {@value #SCORED} examples): -mean log p(word). A model that ignores the context
     * can do no better on held-out data than about this; a model whose held-out loss is well below it reads the context.
     */
    public static double wordFrequencyLoss(Dataset train, Dataset all, int vocabulary) {
        Map<Long, Integer> counts = predictedWordCounts(train);
        double total = counts.values().stream().mapToInt(Integer::intValue).sum();
        Dataset test = all.take(SCORED);
        INDArray words = test.labels(BertPairs.MLM);
        INDArray mask = test.mask(BertPairs.MLM);
        double loss = 0, predicted = 0;
        for (int i = 0; i < words.size(0); i++) {
            for (int t = 0; t < words.size(1); t++) {
                if (mask.getDouble(i, t) > 0) {
                    loss -= Math.log((counts.getOrDefault(words.getLong(i, t), 0) + 1) / (total + vocabulary));
                    predicted++;
                }
            }
        }
        return loss / predicted;
    }

    /** How many times each word id is predicted (its MLM mask set) in {@code data}. */
    private static Map<Long, Integer> predictedWordCounts(Dataset data) {
        Map<Long, Integer> counts = new java.util.HashMap<>();
        INDArray words = data.labels(BertPairs.MLM);
        INDArray predicted = data.mask(BertPairs.MLM);
        for (int i = 0; i < words.size(0); i++) {
            for (int t = 0; t < words.size(1); t++) {
                if (predicted.getDouble(i, t) > 0) counts.merge(words.getLong(i, t), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Override
    public void epochDone() { step.epochDone(); }

    @Override
    public double learningRate() { return step.learningRate(); }

    @Override
    public void setLearningRate(double rate) { step.setLearningRate(rate); }

    @Override
    public INDArray parameters() { return step.parameters(); }

    @Override
    public void setParameters(INDArray parameters) { step.setParameters(parameters); }

    @Override
    public void save(Path file) { step.save(file); }
}
