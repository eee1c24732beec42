package io.neurite.train;

/** Stops training as soon as a batch loss is NaN or infinite, and says where and what to try. On by default. */
public final class TerminateOnNaN implements Callback {
    private boolean stopped;

    @Override
    public void onTrainBegin(TrainingContext context) { stopped = false; }

    @Override
    public void onBatchEnd(int epoch, int step, double loss, TrainingContext context) {
        if (!stopped && !Double.isFinite(loss)) {
            stopped = true;
            context.stop("diverged: loss became " + loss + " at epoch " + epoch + ", step " + step
                    + " (learning rate " + context.learningRate() + "); try a smaller learning rate, normalized "
                    + "inputs, or a loss that matches the output activation");
        }
    }

    /** True once a non-finite loss was seen. */
    public boolean stopped() { return stopped; }
}
