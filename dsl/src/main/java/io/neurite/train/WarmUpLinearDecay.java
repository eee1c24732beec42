package io.neurite.train;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * BERT's learning rate by training step t = iteration + 1: lr(t) = peak * t / warmUp for t &lt;= warmUp, then
 * peak * (total - t) / (total - warmUp), 0 from step total on (Devlin et al. 2019, linear warm-up then linear decay).
 */
public final class WarmUpLinearDecay implements ISchedule {
    private double peak;
    private int warmUp;
    private int total;

    /** For deserialization. */
    public WarmUpLinearDecay() { }

    public WarmUpLinearDecay(double peak, int warmUp, int total) {
        this.peak = peak;
        this.warmUp = warmUp;
        this.total = total;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double t = iteration + 1.0;
        return t <= warmUp ? peak * t / warmUp : peak * Math.max(0, (total - t) / (total - warmUp));
    }

    @Override
    public ISchedule clone() { return new WarmUpLinearDecay(peak, warmUp, total); }

    public double getPeak() { return peak; }

    public void setPeak(double peak) { this.peak = peak; }

    public int getWarmUp() { return warmUp; }

    public void setWarmUp(int warmUp) { this.warmUp = warmUp; }

    public int getTotal() { return total; }

    public void setTotal(int total) { this.total = total; }
}
