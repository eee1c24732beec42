package io.neurite.data;

/**
 * Which copy of a dataset a loader reads: the small real subset embedded in the library (works on a fresh machine,
 * no download) or the complete dataset from the data home (obtained with {@code neurite data fetch NAME}).
 */
public enum DataSize {
    /** The embedded subset, shipped in the jar. */
    MINI,
    /** The complete dataset from the {@link DataHome}. */
    FULL;

    /** {@link #FULL} when {@code full} is true, else {@link #MINI}: lets a recipe flip sizes with one boolean option. */
    public static DataSize of(boolean full) {
        return full ? FULL : MINI;
    }
}
