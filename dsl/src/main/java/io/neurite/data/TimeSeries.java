package io.neurite.data;

import org.nd4j.linalg.api.buffer.DataType;


/** A univariate series of equally spaced observations, e.g. monthly airline passengers or yearly sunspot numbers. */
public record TimeSeries(String name, String firstPeriod, double[] values) {
    public TimeSeries {
        values = values.clone();
    }

    public int length() { return values.length; }

    /**
     * Supervised windows: example i has features values[i .. i+window-1] and labels values[i+window .. i+window+horizon-1],
     * for every i where both fit. Features are [n, window] (use {@link #sequenceWindows} for recurrent layers).
     */
    public Dataset windows(int window, int horizon) {
        int n = windowCount(window, horizon);
        float[][] x = new float[n][window];
        float[][] y = new float[n][horizon];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < window; t++) x[i][t] = (float) values[i + t];
            for (int h = 0; h < horizon; h++) y[i][h] = (float) values[i + window + h];
        }
        return Dataset.of(x, y);
    }

    /** The same windows as sequences [n, window, 1] (one feature per time step, {@code Shape.sequence(window, 1)}). */
    public Dataset sequenceWindows(int window, int horizon) {
        Dataset flat = windows(window, horizon);
        return Dataset.of(flat.features().reshape('c', flat.size(), window, 1).castTo(DataType.FLOAT), flat.labels());
    }

    /** The first {@code length() - testLength} values and the last {@code testLength} (chronological split). */
    public TimeSeries[] splitLast(int testLength) {
        if (testLength < 1 || testLength >= values.length) {
            throw new IllegalArgumentException("test length must be in [1, " + values.length + "), got " + testLength);
        }
        int cut = values.length - testLength;
        return new TimeSeries[] {new TimeSeries(name, firstPeriod, java.util.Arrays.copyOfRange(values, 0, cut)),
                new TimeSeries(name + " (test)", null, java.util.Arrays.copyOfRange(values, cut, values.length))};
    }

    private int windowCount(int window, int horizon) {
        if (window < 1 || horizon < 1) throw new IllegalArgumentException("window and horizon must be at least 1");
        int n = values.length - window - horizon + 1;
        if (n < 1) {
            throw new IllegalArgumentException(name + " has " + values.length + " values, too few for a window of "
                    + window + " plus a horizon of " + horizon);
        }
        return n;
    }

    static double[] toArray(java.util.List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

}
