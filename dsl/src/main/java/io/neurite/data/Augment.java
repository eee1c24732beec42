package io.neurite.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Data augmentation: random, label-preserving changes to images [n, channels, height, width], composed with
 * {@link #then} and drawn from a seed, so the same seed gives the same images.
 *
 * <pre>{@code
 * Augment a = Augment.rotate(15).then(Augment.translate(2)).then(Augment.noise(0.1));
 * Dataset bigger = a.expand(train, 4, 42);     // the originals and 4 augmented copies of each
 * }</pre>
 *
 * Geometric transforms map each output pixel (row y, column x) back to a source position in the input and read it by
 * bilinear interpolation; source positions outside the image read 0 (the black background of MNIST-style data).
 * Rotation and scaling turn about the image centre ((h - 1) / 2, (w - 1) / 2). Every channel of an image gets the same
 * geometric change. Images are transformed one by one, in dataset order, all drawing from one {@code Random(seed)}.
 */
public final class Augment {
    /** Distance below which a source position counts as the whole pixel it is near (cos 90 degrees is 6e-17, not 0). */
    private static final double SNAP = 1e-9;

    private final List<Step> steps;

    private Augment(List<Step> steps) { this.steps = List.copyOf(steps); }

    /** One transform of one image [channels][height][width], drawing its random choices from {@code random}. */
    @FunctionalInterface
    private interface Step {
        double[][][] apply(double[][][] image, Random random);
    }

    /** Mirrors left-right with probability {@code p}: out(y, x) = in(y, w - 1 - x). */
    public static Augment flipHorizontal(double p) {
        requireProbability(p, "flipHorizontal");
        return new Augment(List.of((img, r) -> r.nextDouble() < p
                ? sample(img, (y, x) -> new double[] {y, width(img) - 1 - x}) : img));
    }

    /** Mirrors top-bottom with probability {@code p}: out(y, x) = in(h - 1 - y, x). */
    public static Augment flipVertical(double p) {
        requireProbability(p, "flipVertical");
        return new Augment(List.of((img, r) -> r.nextDouble() < p
                ? sample(img, (y, x) -> new double[] {height(img) - 1 - y, x}) : img));
    }

    /** Rotates by an angle drawn uniformly from [-maxDegrees, maxDegrees]. */
    public static Augment rotate(double maxDegrees) {
        requireNonNegative(maxDegrees, "rotate", "maximum angle in degrees");
        return rotate(-maxDegrees, maxDegrees);
    }

    /**
     * Rotates counter-clockwise as seen on screen (rows running down) by an angle theta drawn uniformly from
     * [minDegrees, maxDegrees]: out(y, x) = in(cy + dy cos + dx sin, cx + dx cos - dy sin) with (dy, dx) = (y - cy,
     * x - cx), so 90 degrees moves the top row to the left column.
     */
    public static Augment rotate(double minDegrees, double maxDegrees) {
        requireRange(minDegrees, maxDegrees, "rotate");
        return new Augment(List.of((img, r) -> {
            double theta = Math.toRadians(uniform(r, minDegrees, maxDegrees));
            double cos = Math.cos(theta);
            double sin = Math.sin(theta);
            double cy = (height(img) - 1) / 2.0;
            double cx = (width(img) - 1) / 2.0;
            return sample(img, (y, x) -> {
                double dy = y - cy;
                double dx = x - cx;
                return new double[] {cy + dy * cos + dx * sin, cx + dx * cos - dy * sin};
            });
        }));
    }

    /**
     * Scales about the centre by a factor drawn uniformly from [minFactor, maxFactor] (above 1 zooms in):
     * out(p) = in(c + (p - c) / s).
     */
    public static Augment scale(double minFactor, double maxFactor) {
        requireRange(minFactor, maxFactor, "scale");
        if (!(minFactor > 0)) {
            throw new IllegalArgumentException("scale: factors must be positive, got [" + minFactor + ", " + maxFactor
                    + "]; use e.g. scale(0.9, 1.1) for +-10%");
        }
        return new Augment(List.of((img, r) -> {
            double s = uniform(r, minFactor, maxFactor);
            double cy = (height(img) - 1) / 2.0;
            double cx = (width(img) - 1) / 2.0;
            return sample(img, (y, x) -> new double[] {cy + (y - cy) / s, cx + (x - cx) / s});
        }));
    }

    /**
     * Shifts by whole pixels dy (down) and dx (right), each drawn uniformly from {-maxPixels, ..., maxPixels}:
     * out(y, x) = in(y - dy, x - dx).
     */
    public static Augment translate(int maxPixels) {
        requireNonNegative(maxPixels, "translate", "maximum shift in pixels");
        return new Augment(List.of((img, r) -> {
            int dy = r.nextInt(2 * maxPixels + 1) - maxPixels;
            int dx = r.nextInt(2 * maxPixels + 1) - maxPixels;
            return sample(img, (y, x) -> new double[] {y - dy, x - dx});
        }));
    }

    /**
     * Random crop, resized back: a {@code size} x {@code size} window at a uniformly drawn whole-pixel position
     * (top, left), stretched over the full h x w image: out(y, x) = in(top + (y + 1/2) size / h - 1/2,
     * left + (x + 1/2) size / w - 1/2) (pixel centres to pixel centres, edges clamped into the window).
     */
    public static Augment crop(int size) {
        if (size < 1) throw new IllegalArgumentException("crop: window size must be at least 1 pixel, got " + size);
        return new Augment(List.of((img, r) -> {
            int h = height(img);
            int w = width(img);
            if (size > h || size > w) {
                throw new IllegalArgumentException("crop: a " + size + "x" + size + " window does not fit in a " + h
                        + "x" + w + " image; use a window of at most " + Math.min(h, w));
            }
            int top = r.nextInt(h - size + 1);
            int left = r.nextInt(w - size + 1);
            return sample(img, (y, x) -> new double[] {
                    clamp(top + (y + 0.5) * size / h - 0.5, top, top + size - 1),
                    clamp(left + (x + 0.5) * size / w - 0.5, left, left + size - 1)});
        }));
    }

    /** Adds independent Gaussian noise of mean 0 and standard deviation {@code std} to every pixel (not clipped). */
    public static Augment noise(double std) {
        requireNonNegative(std, "noise", "standard deviation");
        return new Augment(List.of((img, r) -> {
            double[][][] out = copy(img);
            for (double[][] channel : out) {
                for (double[] row : channel) {
                    for (int x = 0; x < row.length; x++) row[x] += std * r.nextGaussian();
                }
            }
            return out;
        }));
    }

    /** This augmentation followed by {@code next}, on the same image. */
    public Augment then(Augment next) {
        List<Step> all = new ArrayList<>(steps);
        all.addAll(next.steps);
        return new Augment(all);
    }

    /** Each image of {@code data} augmented once, in order, with labels and class names kept. */
    public Dataset apply(Dataset data, long seed) {
        return Dataset.of(apply(requireImages(data), new Random(seed)), data.labels())
                .withClassNames(data.classNames());
    }

    /**
     * The originals of {@code data} followed by {@code copies} augmented copies of every image (copy k of all images
     * after copy k - 1): (1 + copies) n examples.
     */
    public Dataset expand(Dataset data, int copies, long seed) {
        if (copies < 0) throw new IllegalArgumentException("expand: copies must be 0 or more, got " + copies);
        INDArray features = requireImages(data);
        Random random = new Random(seed);
        INDArray[] parts = new INDArray[copies + 1];
        INDArray[] labels = new INDArray[copies + 1];
        parts[0] = features;
        Arrays.fill(labels, data.labels());
        for (int k = 1; k <= copies; k++) parts[k] = apply(features, random);
        return Dataset.of(Nd4j.concat(0, parts), Nd4j.concat(0, labels)).withClassNames(data.classNames());
    }

    private INDArray apply(INDArray images, Random random) {
        long[] shape = images.shape();
        int n = (int) shape[0];
        int c = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        float[] values = images.dup('c').data().asFloat();
        float[] out = new float[values.length];
        int perImage = c * h * w;
        for (int i = 0; i < n; i++) {
            double[][][] img = new double[c][h][w];
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) img[ch][y][x] = values[i * perImage + (ch * h + y) * w + x];
                }
            }
            for (Step step : steps) img = step.apply(img, random);
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) out[i * perImage + (ch * h + y) * w + x] = (float) img[ch][y][x];
                }
            }
        }
        return Nd4j.create(out, shape, 'c').castTo(images.dataType());
    }

    private static INDArray requireImages(Dataset data) {
        Objects.requireNonNull(data, "data");
        INDArray f = data.features();
        if (f.rank() != 4) {
            throw new IllegalArgumentException("augmentation needs images [n, channels, height, width] but got features"
                    + " of shape " + Arrays.toString(f.shape()) + "; view flat pixels as images first, e.g."
                    + " data.asImages(28, 28, 1)");
        }
        return f;
    }

    /** Where each output pixel (y, x) reads from in the input: {row, column}, possibly fractional or outside. */
    @FunctionalInterface
    private interface SourceMap {
        double[] at(int y, int x);
    }

    /** out(y, x) = bilinear read of {@code img} at {@code map.at(y, x)}; positions outside the image read 0. */
    private static double[][][] sample(double[][][] img, SourceMap map) {
        int c = img.length;
        int h = height(img);
        int w = width(img);
        double[][][] out = new double[c][h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double[] src = map.at(y, x);
                double sy = snap(src[0]);
                double sx = snap(src[1]);
                int y0 = (int) Math.floor(sy);
                int x0 = (int) Math.floor(sx);
                double fy = sy - y0;
                double fx = sx - x0;
                for (int ch = 0; ch < c; ch++) {
                    double[][] m = img[ch];
                    out[ch][y][x] = (1 - fy) * ((1 - fx) * at(m, y0, x0) + fx * at(m, y0, x0 + 1))
                            + fy * ((1 - fx) * at(m, y0 + 1, x0) + fx * at(m, y0 + 1, x0 + 1));
                }
            }
        }
        return out;
    }

    private static double at(double[][] m, int y, int x) {
        return y < 0 || y >= m.length || x < 0 || x >= m[0].length ? 0 : m[y][x];
    }

    private static double snap(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < SNAP ? r : v;
    }

    private static double clamp(double v, double lo, double hi) { return Math.max(lo, Math.min(hi, v)); }

    private static double uniform(Random r, double lo, double hi) { return lo + (hi - lo) * r.nextDouble(); }

    private static int height(double[][][] img) { return img[0].length; }

    private static int width(double[][][] img) { return img[0][0].length; }

    private static double[][][] copy(double[][][] img) {
        double[][][] out = new double[img.length][][];
        for (int c = 0; c < img.length; c++) {
            out[c] = Arrays.stream(img[c]).map(double[]::clone).toArray(double[][]::new);
        }
        return out;
    }

    private static void requireProbability(double p, String what) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + ": probability must be in [0, 1], got " + p);
        }
    }

    private static void requireNonNegative(double v, String what, String name) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + ": " + name + " must be a finite number >= 0, got " + v);
        }
    }

    private static void requireRange(double lo, double hi, String what) {
        if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException(what + ": range [" + lo + ", " + hi
                    + "] must be finite with min <= max");
        }
    }
}
