package io.neurite.recipes.bench;

import java.util.Arrays;

/**
 * Two timings compared over alternating rounds: per round the ratio ours / theirs; the median of those ratios, their
 * spread, and the ratio of the fastest rounds (each side's least disturbed round).
 */
record RoundRatios(double median, double min, double max, double bestRounds) {

    /** The ratios of {@code ours[r] / theirs[r]}; both arrays hold one time per round, in the same order. */
    static RoundRatios of(double[] ours, double[] theirs) {
        if (ours.length == 0 || ours.length != theirs.length) {
            throw new IllegalArgumentException("need the same number of rounds on both sides, at least one: "
                    + ours.length + " and " + theirs.length);
        }
        double[] ratio = new double[ours.length];
        for (int r = 0; r < ratio.length; r++) ratio[r] = ours[r] / theirs[r];
        return new RoundRatios(median(ratio), min(ratio), Arrays.stream(ratio).max().orElseThrow(),
                min(ours) / min(theirs));
    }

    /** The middle value; for an even count the mean of the two middle ones. */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) { return Arrays.stream(v).min().orElseThrow(); }

    @Override
    public String toString() {
        return String.format("ratio %.3f [%.3f - %.3f], best rounds %.3f", median, min, max, bestRounds);
    }
}
