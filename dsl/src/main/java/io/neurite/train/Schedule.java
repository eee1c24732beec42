package io.neurite.train;

import java.io.Serializable;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * A learning rate that changes with the epoch e (counted from 0), or with the training step ({@link #warmUp}). Each
 * factory states lr(e) and rejects settings that cannot train (an initial rate that is NaN, infinite, 0 or negative;
 * a decay factor outside (0, 1]; a negative power or gamma; a period below 1 epoch) with an
 * {@link IllegalArgumentException} naming the setting, value and valid range.
 */
public record Schedule(String name, double initial, ISchedule dl4j) implements Serializable {
    public Schedule {
        Optimizer.rate("Schedule." + name, initial);
    }

    /** lr(e) = initial * factor^floor(e / everyEpochs): e.g. halve every 10 epochs. */
    public static Schedule step(double initial, double factor, int everyEpochs) {
        decayFactor("Schedule.step", "factor", factor);
        epochs("Schedule.step", "everyEpochs", everyEpochs);
        return new Schedule("step", initial, new StepSchedule(ScheduleType.EPOCH, initial, factor, everyEpochs));
    }

    /** lr(e) = initial * gamma^e. */
    public static Schedule exponential(double initial, double gamma) {
        decayFactor("Schedule.exponential", "gamma", gamma);
        return new Schedule("exponential", initial, new ExponentialSchedule(ScheduleType.EPOCH, initial, gamma));
    }

    /** lr(e) = initial / (1 + gamma e)^power. */
    public static Schedule inverse(double initial, double gamma, double power) {
        nonNegative("Schedule.inverse", "gamma", gamma);
        nonNegative("Schedule.inverse", "power", power);
        return new Schedule("inverse", initial, new InverseSchedule(ScheduleType.EPOCH, initial, gamma, power));
    }

    /** lr(e) = initial * (1 - e / maxEpochs)^power: reaches 0 at maxEpochs. */
    public static Schedule polynomial(double initial, double power, int maxEpochs) {
        nonNegative("Schedule.polynomial", "power", power);
        epochs("Schedule.polynomial", "maxEpochs", maxEpochs);
        return new Schedule("polynomial", initial, new PolynomialDecay(initial, power, maxEpochs));
    }

    /**
     * BERT's schedule by training step t (from 1), not by epoch: lr rises linearly to {@code peak} over
     * {@code warmUpSteps}, then falls linearly to 0 at {@code totalSteps} ({@link WarmUpLinearDecay}). The warm-up
     * lets Adam's second-moment estimates settle before the steps grow to the peak rate.
     */
    public static Schedule warmUp(double peak, int warmUpSteps, int totalSteps) {
        Optimizer.require(warmUpSteps >= 1, "Schedule.warmUp", "warmUpSteps", warmUpSteps, "at least 1 step");
        Optimizer.require(totalSteps > warmUpSteps, "Schedule.warmUp", "totalSteps", totalSteps,
                "more than warmUpSteps (" + warmUpSteps + "): the rate decays over the steps after the warm-up");
        return new Schedule("warmUp", peak, new WarmUpLinearDecay(peak, warmUpSteps, totalSteps));
    }

    /** The learning rate in epoch {@code epoch} (of a schedule by epoch; {@link #at(int, int)} for one by step). */
    public double at(int epoch) { return dl4j.valueAt(0, epoch); }

    /** The learning rate at training step {@code step} (from 1) of epoch {@code epoch}. */
    public double at(int step, int epoch) { return dl4j.valueAt(step - 1, epoch); }

    private static void decayFactor(String where, String setting, double value) {
        Optimizer.require(value > 0 && value <= 1, where, setting, value, "in (0, 1]: 0 or below makes the rate 0 or"
                + " negative, above 1 grows it until training diverges (typical: 0.5 to 0.99)");
    }

    private static void nonNegative(String where, String setting, double value) {
        Optimizer.require(Double.isFinite(value) && value >= 0, where, setting, value,
                "a finite number of at least 0: a negative one makes the rate grow instead of decay");
    }

    private static void epochs(String where, String setting, int value) {
        Optimizer.require(value >= 1, where, setting, value, "at least 1 epoch");
    }
}
