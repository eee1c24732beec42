package io.neurite.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An in-memory labelled dataset: {@code features} of shape [n, ...] (vectors [n, d], images [n, channels, height,
 * width], sequences [n, features, time]) and {@code labels} of shape [n, k] (one-hot classes, several targets, or
 * multi-label 0/1 columns). Immutable: every operation returns a new dataset.
 */
public final class Dataset {
    private final INDArray features;
    private final INDArray labels;
    private final List<String> classNames;

    private Dataset(INDArray features, INDArray labels, List<String> classNames) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("features have " + features.size(0) + " rows but labels have "
                    + labels.size(0) + ": every example needs exactly one label row");
        }
        this.features = features.isView() ? features.dup() : features;
        this.labels = labels.isView() ? labels.dup() : labels;
        this.classNames = List.copyOf(classNames);
    }

    /** Wraps ND4J arrays (views such as a column slice are copied); the first dimension of both is the example index. */
    public static Dataset of(INDArray features, INDArray labels) {
        return new Dataset(features, labels, List.of());
    }

    /** Regression or multi-target data: one row of {@code y} per row of {@code x}. */
    public static Dataset of(double[][] x, double[][] y) {
        requireRectangular(x, "x");
        requireRectangular(y, "y");
        return of(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }

    /** Regression or multi-target data in single precision. */
    public static Dataset of(float[][] x, float[][] y) {
        requireRectangular(x, "x");
        requireRectangular(y, "y");
        return of(Nd4j.create(x), Nd4j.create(y));
    }

    /** Classification data: class indices in [0, numClasses) become one-hot label rows. */
    public static Dataset classification(double[][] x, int[] classes, int numClasses) {
        requireRectangular(x, "x");
        return of(Nd4j.create(x).castTo(DataType.FLOAT), oneHot(classes, numClasses));
    }

    /** Classification data in single precision. */
    public static Dataset classification(float[][] x, int[] classes, int numClasses) {
        requireRectangular(x, "x");
        return of(Nd4j.create(x), oneHot(classes, numClasses));
    }

    /** One-hot rows [n, numClasses] for class indices; fails on an index outside [0, numClasses). */
    public static INDArray oneHot(int[] classes, int numClasses) {
        if (numClasses < 1) throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        INDArray y = Nd4j.zeros(DataType.FLOAT, classes.length, numClasses);
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= numClasses) {
                throw new IllegalArgumentException("label " + classes[i] + " at row " + i + " is outside [0, "
                        + numClasses + ")");
            }
            y.putScalar(i, classes[i], 1f);
        }
        return y;
    }

    /** The same data with names for the label columns (classes), used by metrics and plots. */
    public Dataset withClassNames(List<String> names) {
        if (!names.isEmpty() && names.size() != labels.size(1)) {
            throw new IllegalArgumentException(names.size() + " class names given for " + labels.size(1)
                    + " label columns");
        }
        return new Dataset(features, labels, names);
    }

    public INDArray features() { return features; }

    public INDArray labels() { return labels; }

    /** Class names, or an empty list when none were given. */
    public List<String> classNames() { return classNames; }

    public int size() { return (int) features.size(0); }

    /** Number of label columns: classes for one-hot labels, targets for regression. */
    public int labelColumns() { return (int) labels.size(1); }

    /** The feature shape of one example, without the batch dimension. */
    public long[] exampleShape() {
        long[] shape = features.shape();
        long[] one = new long[shape.length - 1];
        System.arraycopy(shape, 1, one, 0, one.length);
        return one;
    }

    /** Class index of each row (argmax of the one-hot labels). */
    public int[] classIndices() {
        return labels.argMax(1).toIntVector();
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a dataset of " + size());
        }
        return new Dataset(rows(features, from, to), rows(labels, from, to), classNames);
    }

    /** The first {@code n} examples (all of them when there are fewer). */
    public Dataset take(int n) {
        return slice(0, Math.min(n, size()));
    }

    /** Examples at the given row indices, in that order. */
    public Dataset select(int[] rows) {
        INDArray idx = Nd4j.createFromArray(rows);
        return new Dataset(features.get(idx).dup(), labels.get(idx).dup(), classNames);
    }

    /** The examples in a random order fixed by {@code seed}. */
    public Dataset shuffled(long seed) {
        return select(permutation(size(), new Random(seed)));
    }

    /** Shuffles with {@code seed}, then puts {@code fraction} of the examples in the first part. */
    public Split split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("split fraction must be strictly between 0 and 1, got " + fraction);
        }
        Dataset shuffled = shuffled(seed);
        int cut = (int) Math.round(size() * fraction);
        return new Split(shuffled.slice(0, cut), shuffled.slice(cut, size()));
    }

    /** Consecutive mini-batches of at most {@code batchSize} examples, as DL4J DataSets. */
    public List<DataSet> batches(int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        List<DataSet> out = new ArrayList<>();
        for (int from = 0; from < size(); from += batchSize) {
            int to = Math.min(size(), from + batchSize);
            out.add(new DataSet(rows(features, from, to), rows(labels, from, to)));
        }
        return out;
    }

    /** All examples as one DL4J DataSet. */
    public DataSet toDataSet() {
        return new DataSet(features, labels);
    }

    /** Flat vectors of length h*w*c reshaped to images [n, c, h, w] (channels first, as DL4J convolutions expect). */
    public Dataset asImages(int height, int width, int channels) {
        long perExample = features.length() / Math.max(1, size());
        if (perExample != (long) height * width * channels) {
            throw new IllegalArgumentException("cannot view examples of " + perExample + " values as " + height + "x"
                    + width + "x" + channels + " images (" + (long) height * width * channels + " values)");
        }
        return new Dataset(features.reshape('c', size(), channels, height, width), labels, classNames);
    }

    /** Images or sequences flattened to vectors [n, d]. */
    public Dataset flattened() {
        return new Dataset(features.reshape('c', size(), features.length() / Math.max(1, size())), labels, classNames);
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " examples, features " + java.util.Arrays.toString(exampleShape())
                + ", " + labelColumns() + " label columns]";
    }

    /** Two disjoint parts of a dataset, e.g. train and validation. */
    public record Split(Dataset first, Dataset second) { }

    static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }

    private static INDArray rows(INDArray a, int from, int to) {
        var indices = new org.nd4j.linalg.indexing.INDArrayIndex[a.rank()];
        indices[0] = NDArrayIndex.interval(from, to);
        for (int d = 1; d < a.rank(); d++) indices[d] = NDArrayIndex.all();
        return a.get(indices).dup();
    }

    private static void requireRectangular(double[][] rows, String name) {
        requireRectangular(rows.length, i -> rows[i].length, name);
    }

    private static void requireRectangular(float[][] rows, String name) {
        requireRectangular(rows.length, i -> rows[i].length, name);
    }

    /** Fails unless there is at least one row and every row is as long as row 0. */
    private static void requireRectangular(int count, java.util.function.IntUnaryOperator rowLength, String name) {
        if (count == 0) throw new IllegalArgumentException(name + " has no rows");
        for (int i = 0; i < count; i++) {
            if (rowLength.applyAsInt(i) != rowLength.applyAsInt(0)) {
                throw new IllegalArgumentException(name + " row " + i + " has " + rowLength.applyAsInt(i)
                        + " values but row 0 has " + rowLength.applyAsInt(0));
            }
        }
    }
}
