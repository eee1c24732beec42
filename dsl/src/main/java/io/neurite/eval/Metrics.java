package io.neurite.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.EvaluationBinary;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores of predictions against labels. Classification (one class of k, or one yes/no output, or the sign of an SVM
 * output): accuracy, per-class precision / recall / F1, confusion matrix. Several yes/no outputs (multi-label):
 * per-label accuracy, precision, recall, F1 and the Hamming loss. Regression: MSE, MAE, R^2 per target.
 */
public final class Metrics {
    private final Task task;
    private final Evaluation classification;
    private final EvaluationBinary multiLabel;
    private final RegressionEvaluation regression;

    private Metrics(Task task, Evaluation c, EvaluationBinary m, RegressionEvaluation r) {
        this.task = task;
        this.classification = c;
        this.multiLabel = m;
        this.regression = r;
    }

    /**
     * Scores per-step {@code predictions} [n, steps, k] against {@code labels} [n, steps, k], counting only the steps
     * where {@code mask} [n, steps] is 1 (all steps when it is null), and images [n, c, h, w] per pixel; rank-2
     * arrays are scored as they are.
     */
    public static Metrics of(Task task, INDArray labels, INDArray predictions, INDArray mask, List<String> classNames) {
        if (labels.rank() == 2) return of(task, labels, predictions, classNames);
        INDArray y = Rows.of(labels);
        INDArray p = Rows.of(predictions);
        if (mask != null) {
            INDArray real = Nd4j.createFromArray(realRows(mask.dup('c').reshape(new long[] {mask.length()})));
            y = y.get(real);
            p = p.get(real);
        }
        return of(task, y, p, classNames);
    }

    private static long[] realRows(INDArray flatMask) {
        return java.util.stream.LongStream.range(0, flatMask.length()).filter(i -> flatMask.getDouble(i) != 0).toArray();
    }

    /** Scores {@code predictions} (network outputs) against {@code labels} for a model trained for {@code task}. */
    public static Metrics of(Task task, INDArray labels, INDArray predictions, List<String> classNames) {
        return switch (task) {
            case REGRESSION -> {
                RegressionEvaluation r = new RegressionEvaluation(labels.size(1));
                r.eval(labels, predictions);
                yield new Metrics(task, null, null, r);
            }
            case BINARY -> {
                if (labels.size(1) > 1) {
                    EvaluationBinary m = new EvaluationBinary();
                    m.eval(labels, predictions);
                    yield new Metrics(task, null, m, null);
                }
                yield new Metrics(task, classification(labels, predictions, classNames), null, null);
            }
            case SIGNED -> new Metrics(task, classification(labels.gt(0).castTo(predictions.dataType()),
                    predictions.gt(0).castTo(predictions.dataType()), classNames), null, null);
            case CLASSIFICATION -> new Metrics(task, classification(labels, predictions, classNames), null, null);
        };
    }

    private static Evaluation classification(INDArray labels, INDArray predictions, List<String> classNames) {
        Evaluation e = classNames.isEmpty() || labels.size(1) == 1 ? new Evaluation() : new Evaluation(classNames);
        e.eval(labels, predictions);
        return e;
    }

    public Task task() { return task; }

    /** Fraction of correct predictions (per label, averaged, for multi-label). */
    public double accuracy() {
        if (classification != null) return classification.accuracy();
        if (multiLabel != null) return multiLabel.averageAccuracy();
        throw notFor("accuracy");
    }

    /** TP / (TP + FP) for class {@code c}. */
    public double precision(int c) { return classification().precision(c); }

    /** TP / (TP + FN) for class {@code c}. */
    public double recall(int c) { return classification().recall(c); }

    /** 2 precision recall / (precision + recall) for class {@code c}. */
    public double f1(int c) { return classification().f1(c); }

    /** F1 averaged over classes, each class counting equally. */
    public double macroF1() { return classification().f1(org.nd4j.evaluation.EvaluationAveraging.Macro); }

    /** counts[actual][predicted]. */
    public int[][] confusionMatrix() {
        var cm = classification().getConfusion();
        int n = cm.getClasses().size();
        int[][] counts = new int[n][n];
        for (int a = 0; a < n; a++) for (int p = 0; p < n; p++) counts[a][p] = cm.getCount(a, p);
        return counts;
    }

    /** Fraction of wrong label decisions over all labels (multi-label). */
    public double hammingLoss() {
        if (multiLabel == null) throw notFor("hamming loss");
        double wrong = 0;
        long total = 0;
        for (int i = 0; i < multiLabel.numLabels(); i++) {
            wrong += multiLabel.falsePositives(i) + multiLabel.falseNegatives(i);
            total += multiLabel.totalCount(i);
        }
        return wrong / total;
    }

    /** Mean squared error averaged over targets. */
    public double mse() { return regression().averageMeanSquaredError(); }

    /** Mean absolute error averaged over targets. */
    public double mae() { return regression().averageMeanAbsoluteError(); }

    /** Coefficient of determination averaged over targets. */
    public double r2() { return regression().averageRSquared(); }

    /** The headline numbers by name, as logged in a training history. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (regression != null) {
            m.put("mse", mse());
            m.put("mae", mae());
        } else {
            m.put("accuracy", accuracy());
        }
        return m;
    }

    /** A readable report: DL4J's stats for classification, per-target errors for regression. */
    @Override
    public String toString() {
        if (classification != null) return classification.stats();
        if (multiLabel != null) return multiLabel.stats() + "\nHamming loss: " + hammingLoss();
        return regression.stats();
    }

    private Evaluation classification() {
        if (classification == null) throw notFor("per-class scores");
        return classification;
    }

    private RegressionEvaluation regression() {
        if (regression == null) throw notFor("regression errors");
        return regression;
    }

    private IllegalStateException notFor(String what) {
        return new IllegalStateException(what + " is not defined for a " + task.name().toLowerCase()
                + (multiLabel != null ? " (multi-label)" : "") + " model");
    }
}
