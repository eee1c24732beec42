package io.neurite.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Stops a run that is not learning, and says what to try, where the loss alone stays finite: an epoch whose mean loss
 * is more than {@value #GROWTH} times the first batch's (a learning rate so large that every step overshoots: the
 * cross-entropy of a saturated softmax sits far above its start while accuracy falls to chance), or parameters that
 * became NaN or infinite. On by default, like {@link TerminateOnNaN}.
 */
public final class StopOnDivergence implements Callback {
    /** How many times the first batch's loss an epoch's mean loss may reach. */
    public static final double GROWTH = 5;
    private double first = Double.NaN;

    @Override
    public void onTrainBegin(TrainingContext context) { first = Double.NaN; }

    @Override
    public void onBatchEnd(int epoch, int step, double loss, TrainingContext context) {
        if (Double.isNaN(first) && Double.isFinite(loss)) first = loss;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
        Double loss = logs.get("loss");
        String rate = Double.isNaN(context.learningRate()) ? "" : " (learning rate " + context.learningRate() + ")";
        if (loss != null && first > 0 && loss > GROWTH * first) {
            context.stop(String.format("diverged: the mean loss of epoch %d, %.4g, is %.3g times the first batch's"
                    + " %.4g%s; try a smaller learning rate (10 to 100 times), normalized inputs, or gradient clipping",
                    epoch, loss, loss / first, first, rate));
            return;
        }
        INDArray params;
        try {
            params = context.parameters();
        } catch (UnsupportedOperationException e) {
            return;
        }
        long bad = Nd4j.getExecutioner().exec(new MatchCondition(params, Conditions.notFinite())).getLong(0);
        if (bad > 0) {
            context.stop("diverged: " + bad + " of " + params.length() + " parameters are NaN or infinite after epoch "
                    + epoch + rate + "; try a smaller learning rate or normalized inputs");
        }
    }
}
