package io.neurite.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Classical (heavy-ball) momentum, which DL4J lacks (its Nesterovs is Nesterov's variant):
 * v &lt;- beta v + lr g, theta &lt;- theta - v.
 */
public final class HeavyBallMomentum implements IUpdater {
    private double learningRate;
    private double momentum;
    private ISchedule learningRateSchedule;

    /** For deserialization. */
    public HeavyBallMomentum() { this(0.01, 0.9); }

    public HeavyBallMomentum(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double getLearningRate() { return learningRate; }

    public void setLearningRate(double learningRate) { this.learningRate = learningRate; }

    public double getMomentum() { return momentum; }

    public void setMomentum(double momentum) { this.momentum = momentum; }

    public ISchedule getLearningRateSchedule() { return learningRateSchedule; }

    public void setLearningRateSchedule(ISchedule schedule) { this.learningRateSchedule = schedule; }

    @Override public long stateSize(long numParams) { return numParams; }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(state, initializeStateArrays);
        return u;
    }

    @Override
    public HeavyBallMomentum clone() {
        HeavyBallMomentum c = new HeavyBallMomentum(learningRate, momentum);
        c.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        return c;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override public boolean hasLearningRate() { return true; }

    @Override
    public void setLrAndSchedule(double lr, ISchedule schedule) {
        this.learningRate = lr;
        this.learningRateSchedule = schedule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeavyBallMomentum m && m.learningRate == learningRate && m.momentum == momentum
                && java.util.Objects.equals(m.learningRateSchedule, learningRateSchedule);
    }

    @Override
    public int hashCode() { return java.util.Objects.hash(learningRate, momentum, learningRateSchedule); }

    @Override
    public String toString() { return "HeavyBallMomentum(lr=" + learningRate + ", momentum=" + momentum + ")"; }

    /** Keeps the velocity v in the state view and turns each gradient into the step v. */
    private static final class Updater implements GradientUpdater<HeavyBallMomentum> {
        private final HeavyBallMomentum config;
        private INDArray velocity;

        Updater(HeavyBallMomentum config) { this.config = config; }

        @Override public HeavyBallMomentum getConfig() { return config; }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            velocity = state.get("V");
            if (initialize) velocity.assign(0);
        }

        @Override public Map<String, INDArray> getState() { return Map.of("V", velocity); }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] shape, char order, boolean initialize) {
            if (initialize) viewArray.assign(0);
            velocity = viewArray.reshape(order, shape);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            double lr = config.getLearningRate(iteration, epoch);
            velocity.muli(config.momentum).addi(gradient.mul(lr));
            gradient.assign(velocity);
        }
    }
}
