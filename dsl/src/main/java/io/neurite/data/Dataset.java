package io.neurite.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * In-memory examples: one or more named feature arrays and zero or more named label arrays, each [n, ...] with the
 * example index first; vectors [n, d], images [n, channels, height, width], sequences [n, steps, features], token ids
 * [n, steps]; labels [n, k] (one-hot classes, targets, multi-label 0/1) or [n, steps, k] (one label per step).
 * A sequence array may carry a mask [n, steps]: 1 for real steps, 0 for padding; padded steps count neither in the
 * loss nor in the metrics. Most data has one feature array and one label array ({@link #of(INDArray, INDArray)}),
 * named {@value #FEATURES} and {@value #LABELS}; models with several inputs or outputs take arrays named as their
 * inputs and outputs ({@link #of(Map, Map)}). The factories refuse NaN and infinite values, naming the array, row
 * and column ({@link FiniteCheck}). Immutable: every operation returns a new dataset.
 */
public final class Dataset {
    /** Name of the feature array of a one-input dataset. */
    public static final String FEATURES = "features";
    /** Name of the label array of a one-output dataset. */
    public static final String LABELS = "labels";

    private final Map<String, INDArray> features;
    private final Map<String, INDArray> labels;
    private final Map<String, INDArray> masks;
    private final List<String> classNames;

    private Dataset(Map<String, INDArray> features, Map<String, INDArray> labels, Map<String, INDArray> masks,
                    List<String> classNames) {
        if (features.isEmpty()) throw new IllegalArgumentException("a dataset needs at least one feature array");
        long n = -1;
        String first = null;
        for (Map<String, INDArray> part : List.of(features, labels, masks)) {
            for (Map.Entry<String, INDArray> e : part.entrySet()) {
                Objects.requireNonNull(e.getValue(), e.getKey());
                if (n < 0) {
                    n = e.getValue().size(0);
                    first = e.getKey();
                } else if (e.getValue().size(0) != n) {
                    throw new IllegalArgumentException("'" + first + "' has " + n + " rows but '" + e.getKey() + "' has "
                            + e.getValue().size(0) + ": every example needs exactly one row in every array");
                }
            }
        }
        masks.forEach((name, mask) -> checkMask(name, mask, features.containsKey(name) ? features.get(name) : labels.get(name)));
        this.features = copy(features);
        this.labels = copy(labels);
        this.masks = copy(masks);
        this.classNames = List.copyOf(classNames);
    }

    /** Wraps ND4J arrays (views such as a column slice are copied); the first dimension of both is the example index. */
    public static Dataset of(INDArray features, INDArray labels) {
        return checked(new Dataset(Map.of(FEATURES, features), Map.of(LABELS, labels), Map.of(), List.of()));
    }

    /** Features without labels, e.g. for a generative model's hand-written training step. */
    public static Dataset unlabelled(INDArray features) {
        return checked(new Dataset(Map.of(FEATURES, features), Map.of(), Map.of(), List.of()));
    }

    /**
     * Several named arrays: {@code features} keyed by the model's input names and {@code labels} by its output names,
     * in the model's order (use a LinkedHashMap, or Map.of for one entry).
     */
    public static Dataset of(Map<String, INDArray> features, Map<String, INDArray> labels) {
        return checked(new Dataset(features, labels, Map.of(), List.of()));
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

    /**
     * Sequences of different lengths with one label row per step: x.get(i) is [steps_i][features] and y.get(i) is
     * [steps_i][k]. Both are padded with zeros to the longest sequence and masked: [n, steps, features] and
     * [n, steps, k] with masks [n, steps].
     */
    public static Dataset sequences(List<double[][]> x, List<double[][]> y) {
        if (x.size() != y.size()) {
            throw new IllegalArgumentException(x.size() + " feature sequences but " + y.size() + " label sequences");
        }
        for (int i = 0; i < x.size(); i++) {
            if (x.get(i).length != y.get(i).length) {
                throw new IllegalArgumentException("sequence " + i + " has " + x.get(i).length + " feature steps but "
                        + y.get(i).length + " label steps: per-step labels need one row per step");
            }
        }
        PaddedSequences px = PaddedSequences.of(x, "x");
        PaddedSequences py = PaddedSequences.of(y, "y");
        return checked(new Dataset(Map.of(FEATURES, px.values()), Map.of(LABELS, py.values()),
                Map.of(FEATURES, px.mask(), LABELS, py.mask()), List.of()));
    }

    /**
     * Sequences of different lengths with one label row per sequence: x.get(i) is [steps_i][features], padded with zeros
     * to the longest and masked; {@code labels} is [n, k].
     */
    public static Dataset sequences(List<double[][]> x, INDArray labels) {
        PaddedSequences px = PaddedSequences.of(x, "x");
        return checked(new Dataset(Map.of(FEATURES, px.values()), Map.of(LABELS, labels), Map.of(FEATURES, px.mask()),
                List.of()));
    }

    /** {@code data} when every value of every array is finite; else a {@link DataFormatException} naming the array, row and column. */
    private static Dataset checked(Dataset data) {
        data.features.forEach((name, a) -> FiniteCheck.require(a, "features" + (name.equals(FEATURES) ? "" : " '" + name + "'")));
        data.labels.forEach((name, a) -> FiniteCheck.require(a, "labels" + (name.equals(LABELS) ? "" : " '" + name + "'")));
        return data;
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

    /** The same data with {@code mask} ([n, steps], 1 = real step, 0 = padding) on the sequence array {@code name}. */
    public Dataset withMask(String name, INDArray mask) {
        if (!features.containsKey(name) && !labels.containsKey(name)) {
            throw new IllegalArgumentException("no array '" + name + "' to mask; arrays: " + featureNames() + " "
                    + labelNames());
        }
        Map<String, INDArray> m = new LinkedHashMap<>(masks);
        m.put(name, mask);
        return new Dataset(features, labels, m, classNames);
    }

    /** The same data with names for the label columns (classes), used by metrics and plots. */
    public Dataset withClassNames(List<String> names) {
        if (!names.isEmpty() && names.size() != labelColumns()) {
            throw new IllegalArgumentException(names.size() + " class names given for " + labelColumns()
                    + " label columns");
        }
        return new Dataset(features, labels, masks, names);
    }

    /** The feature array of a one-input dataset. */
    public INDArray features() { return features.get(only(features, "feature")); }

    /** The label array of a one-output dataset. */
    public INDArray labels() { return labels.get(only(labels, "label")); }

    /** The feature array named {@code name}. */
    public INDArray features(String name) { return named(features, name, "feature"); }

    /** The label array named {@code name}. */
    public INDArray labels(String name) { return named(labels, name, "label"); }

    /** Names of the feature arrays, in order. */
    public List<String> featureNames() { return List.copyOf(features.keySet()); }

    /** Names of the label arrays, in order (empty for unlabelled data). */
    public List<String> labelNames() { return List.copyOf(labels.keySet()); }

    /** The mask [n, steps] of the array named {@code name}, or null when all its steps are real. */
    public INDArray mask(String name) { return masks.get(name); }

    /** The mask of the single feature array, or null. */
    public INDArray featureMask() { return masks.get(only(features, "feature")); }

    /** The mask of the single label array, or null. */
    public INDArray labelMask() { return masks.get(only(labels, "label")); }

    /** Class names, or an empty list when none were given. */
    public List<String> classNames() { return classNames; }

    public int size() { return (int) features.values().iterator().next().size(0); }

    /** Number of label columns of the single label array (classes, targets; per step for sequence labels). */
    public int labelColumns() {
        INDArray y = labels();
        return (int) y.size(y.rank() - 1);
    }

    /** The feature shape of one example of the single feature array, without the batch dimension. */
    public long[] exampleShape() {
        long[] shape = features().shape();
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** Class index of each row (argmax of the one-hot labels). */
    public int[] classIndices() {
        return labels().argMax(1).toIntVector();
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a dataset of " + size());
        }
        return map(a -> rows(a, from, to));
    }

    /** The first {@code n} examples (all of them when there are fewer). */
    public Dataset take(int n) {
        return slice(0, Math.min(n, size()));
    }

    /** Examples at the given row indices, in that order. */
    public Dataset select(int[] rows) {
        if (rows.length < 2) return rows.length == 0 ? slice(0, 0) : slice(rows[0], rows[0] + 1);  // ND4J's get needs 2+
        INDArray idx = Nd4j.createFromArray(rows);
        return map(a -> a.get(idx).dup());
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

    /**
     * Consecutive mini-batches of at most {@code batchSize} examples. Masked sequence arrays are cut to the longest
     * real sequence of each batch, so a batch of short sequences is not padded to the longest of the whole dataset.
     */
    public List<Dataset> batches(int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        List<Dataset> out = new ArrayList<>();
        for (int from = 0; from < size(); from += batchSize) out.add(slice(from, Math.min(size(), from + batchSize)).trimmed());
        return out;
    }

    /** Vector or image data with one feature and one label array, unmasked, as one DL4J DataSet. */
    public DataSet toDataSet() {
        if (!masks.isEmpty() || features().rank() == 3) {
            throw new IllegalStateException("sequence data has a layout of its own in DL4J: train it with Model.fit");
        }
        return new DataSet(features(), labels());
    }

    /** Flat vectors of length h*w*c reshaped to images [n, c, h, w] (channels first, as DL4J convolutions expect). */
    public Dataset asImages(int height, int width, int channels) {
        INDArray x = features();
        long perExample = x.length() / Math.max(1, size());
        if (perExample != (long) height * width * channels) {
            throw new IllegalArgumentException("cannot view examples of " + perExample + " values as " + height + "x"
                    + width + "x" + channels + " images (" + (long) height * width * channels + " values)");
        }
        return withFeatures(x.reshape('c', size(), channels, height, width));
    }

    /** Images or sequences flattened to vectors [n, d]. */
    public Dataset flattened() {
        INDArray x = features();
        return withFeatures(x.reshape('c', size(), x.length() / Math.max(1, size())));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Dataset[" + size() + " examples");
        features.forEach((k, v) -> sb.append(", ").append(k).append(' ').append(Arrays.toString(v.shape())));
        labels.forEach((k, v) -> sb.append(", ").append(k).append(' ').append(Arrays.toString(v.shape())));
        if (!masks.isEmpty()) sb.append(", masked ").append(masks.keySet());
        return sb.append(']').toString();
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

    private Dataset withFeatures(INDArray x) {
        return new Dataset(Map.of(only(features, "feature"), x), labels, masks, classNames);
    }

    /** The same operation on every array, masks included. */
    private Dataset map(UnaryOperator<INDArray> op) {
        return new Dataset(mapValues(features, op), mapValues(labels, op), mapValues(masks, op), classNames);
    }

    /** Masked arrays cut after the last real step of this batch. */
    private Dataset trimmed() {
        if (masks.isEmpty()) return this;
        Map<String, INDArray> f = new LinkedHashMap<>(features);
        Map<String, INDArray> l = new LinkedHashMap<>(labels);
        Map<String, INDArray> m = new LinkedHashMap<>();
        masks.forEach((name, mask) -> {
            long steps = lastRealStep(mask) + 1;
            if (steps == 0 || steps == mask.size(1)) {
                m.put(name, mask);
                return;
            }
            m.put(name, mask.get(NDArrayIndex.all(), NDArrayIndex.interval(0, steps)).dup());
            Map<String, INDArray> owner = f.containsKey(name) ? f : l;
            INDArray a = owner.get(name);
            INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
            Arrays.fill(idx, NDArrayIndex.all());
            idx[1] = NDArrayIndex.interval(0, steps);
            owner.put(name, a.get(idx).dup());
        });
        return new Dataset(f, l, m, classNames);
    }

    private static long lastRealStep(INDArray mask) {
        INDArray any = mask.max(0);
        for (long t = any.length() - 1; t >= 0; t--) if (any.getDouble(t) != 0) return t;
        return -1;
    }

    private static void checkMask(String name, INDArray mask, INDArray array) {
        if (mask.rank() != 2 || array.rank() < 2 || mask.size(1) != array.size(1)) {
            throw new IllegalArgumentException("mask of '" + name + "' has shape " + Arrays.toString(mask.shape())
                    + " but '" + name + "' has shape " + Arrays.toString(array.shape()) + "; a mask is [n, steps] with "
                    + "1 for real steps and 0 for padding");
        }
    }

    private static Map<String, INDArray> mapValues(Map<String, INDArray> arrays, UnaryOperator<INDArray> op) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, op.apply(v)));
        return out;
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> arrays) {
        return Collections.unmodifiableMap(mapValues(arrays, a -> a.isView() ? a.dup() : a));
    }

    private static String only(Map<String, INDArray> arrays, String what) {
        if (arrays.size() != 1) {
            throw new IllegalStateException("this dataset has " + arrays.size() + " " + what + " arrays " + arrays.keySet()
                    + ": name the one you want, e.g. " + what + "s(\"" + (arrays.isEmpty() ? "name" : arrays.keySet().iterator().next()) + "\")");
        }
        return arrays.keySet().iterator().next();
    }

    private static INDArray named(Map<String, INDArray> arrays, String name, String what) {
        INDArray a = arrays.get(name);
        if (a == null) throw new IllegalArgumentException("no " + what + " array '" + name + "'; there are " + arrays.keySet());
        return a;
    }

    private static INDArray rows(INDArray a, int from, int to) {
        INDArrayIndex[] indices = new INDArrayIndex[a.rank()];
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
