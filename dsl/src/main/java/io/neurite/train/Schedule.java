package io.neurite.train;

import java.io.Serializable;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/** A learning rate that changes with the epoch e (counted from 0). Each factory states lr(e). */
public record Schedule(String name, double initial, ISchedule dl4j) implements Serializable {

    /** lr(e) = initial * factor^floor(e / everyEpochs): e.g. halve every 10 epochs. */
    public static Schedule step(double initial, double factor, int everyEpochs) {
        return new Schedule("step", initial, new StepSchedule(ScheduleType.EPOCH, initial, factor, everyEpochs));
    }

    /** lr(e) = initial * gamma^e. */
    public static Schedule exponential(double initial, double gamma) {
        return new Schedule("exponential", initial, new ExponentialSchedule(ScheduleType.EPOCH, initial, gamma));
    }

    /** lr(e) = initial / (1 + gamma e)^power. */
    public static Schedule inverse(double initial, double gamma, double power) {
        return new Schedule("inverse", initial, new InverseSchedule(ScheduleType.EPOCH, initial, gamma, power));
    }

    /** lr(e) = initial * (1 - e / maxEpochs)^power: reaches 0 at maxEpochs. */
    public static Schedule polynomial(double initial, double power, int maxEpochs) {
        return new Schedule("polynomial", initial, new PolynomialDecay(initial, power, maxEpochs));
    }

    /** The learning rate in epoch {@code epoch}. */
    public double at(int epoch) { return dl4j.valueAt(0, epoch); }
}
