package io.neurite.train;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * lr(e) = initial * (1 - e / maxEpochs)^power for e &lt; maxEpochs, then 0. (DL4J's PolySchedule in 1.0.0-M2.1
 * computes (1 + e / maxEpochs)^power instead, which grows.)
 */
public final class PolynomialDecay implements ISchedule {
    private double initial;
    private double power;
    private int maxEpochs;

    /** For deserialization. */
    public PolynomialDecay() { }

    public PolynomialDecay(double initial, double power, int maxEpochs) {
        if (maxEpochs < 1) throw new IllegalArgumentException("maxEpochs must be at least 1, got " + maxEpochs);
        this.initial = initial;
        this.power = power;
        this.maxEpochs = maxEpochs;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return epoch >= maxEpochs ? 0 : initial * Math.pow(1 - (double) epoch / maxEpochs, power);
    }

    @Override
    public ISchedule clone() { return new PolynomialDecay(initial, power, maxEpochs); }

    public double getInitial() { return initial; }

    public void setInitial(double initial) { this.initial = initial; }

    public double getPower() { return power; }

    public void setPower(double power) { this.power = power; }

    public int getMaxEpochs() { return maxEpochs; }

    public void setMaxEpochs(int maxEpochs) { this.maxEpochs = maxEpochs; }
}
