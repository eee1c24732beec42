package io.neurite.generative;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.model.Model;
import io.neurite.model.Pass;
import io.neurite.plot.ImageGrid;
import io.neurite.train.Callback;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.TrainingContext;
import io.neurite.train.TrainingLoop;
import io.neurite.train.TrainingStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A generative adversarial network trained with {@code fit} like any model (Goodfellow et al. 2014, algorithm 1):
 * the generator G, an ordinary model compiled with {@code compile(optimizer)} alone, maps standard normal noise z to
 * samples; the discriminator D, an ordinary model with one sigmoid output compiled with binary cross-entropy and its
 * own optimizer, tells real from generated. Every mini-batch of real data is one discriminator step on the real batch
 * (label {@code 1 - labelSmoothing}) and as many fakes (label 0), G's samples in training mode as its own step makes
 * them, in one batch:
 * L_D = -(1/2n) sum [y log D(x) + (1 - y) log(1 - D(x))]; every {@code discriminatorSteps}-th batch is also one
 * generator step with the non-saturating loss L_G = -(1/n) sum log D(G(z)), backpropagated through D, which stays as it
 * was. History logs {@code d_loss} and {@code g_loss} per epoch (g_loss measured every batch, trained every k-th), and
 * {@code d_real} / {@code d_fake}, D's mean output on real and generated examples.
 * <pre>{@code
 * Gan gan = Gan.of(generator, discriminator).labelSmoothing(0.1).samples(Path.of("out/gan"), 16);
 * History h = gan.fit(Dataset.unlabelled(images), Fit.epochs(20).batchSize(64));
 * }</pre>
 * Batch norm belongs in G, not in D: D's step normalizes real and fake examples together, its generator step fakes
 * alone, so D would judge G's samples by other statistics than those it learned with (measured in the
 * {@code gan-scores} recipe: the DCGAN with batch norm in D ended at Fréchet distances of 62 to 292 over three seeds).
 * A GAN that diverges is stopped and reported, never silently kept: a non-finite loss or sample, or a generator that
 * collapsed to (nearly) one output (the spread of its samples below {@code collapseFraction} of the real data's) stops
 * training with the reason in {@link History#stopReason()}, no sample grid is written for that epoch, and
 * {@link #save} refuses.
 * <p>A class-conditional GAN (Mirza and Osindero 2014; {@link #conditional}) gives both models the class as a second
 * input, one-hot: G(z, y) and D(x, y). Real examples come with their labels; fakes are drawn for classes chosen
 * uniformly at random, and D learns to reject an image that does not match its class, so G learns to draw the class
 * asked for ({@link #sampleClasses}).
 */
public final class Gan implements TrainingStep {
    /** Samples drawn from fixed noise at the end of each epoch for the collapse check. */
    public static final int MONITOR_SAMPLES = 64;

    private final Model generator;
    private final Model discriminator;
    private final Shape noiseShape;
    /** Width of the one-hot class input of a conditional GAN, 0 for an unconditional one. */
    private final int classes;
    private double labelSmoothing = 0;
    private int discriminatorSteps = 1;
    private double collapseFraction = 0.1;
    private Path sampleDir;
    private int sampleCount;
    private Random noise = new Random(0);
    private INDArray fixedNoise;
    private int[] fixedClasses;
    private long steps;
    private double realSpread;
    private String divergence;
    private Map<String, Double> lastStep = Map.of();

    private Gan(Model generator, Model discriminator, int classes) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.noiseShape = generator.spec().inputs().values().iterator().next();
        this.classes = classes;
    }

    /**
     * A GAN of {@code generator} (one vector input of noise, one output, compiled without a loss) and
     * {@code discriminator} (input of the generator's output shape, one output, compiled with binary cross-entropy).
     */
    public static Gan of(Model generator, Model discriminator) {
        requireCompiled(generator, discriminator);
        if (generator.spec().inputs().size() != 1 || generator.spec().outputs().size() != 1
                || !generator.spec().inputs().values().iterator().next().isVector()) {
            throw new IllegalArgumentException("the generator '" + generator.name() + "' must have one vector input "
                    + "(the noise) and one output, got inputs " + generator.spec().inputs() + " and outputs "
                    + generator.spec().outputs());
        }
        Shape fake = generated(generator);
        if (discriminator.spec().inputs().size() != 1 || !fake.equals(judged(discriminator))) {
            throw new IllegalArgumentException("the generator '" + generator.name() + "' makes " + fake
                    + " but the discriminator '" + discriminator.name() + "' reads " + discriminator.spec().inputs()
                    + ": give the discriminator one input of shape " + fake);
        }
        return new Gan(generator, discriminator, 0);
    }

    /**
     * A class-conditional GAN of {@code generator} (two vector inputs, in this order: the noise z and the class y,
     * one-hot over {@code classes}; one output, compiled without a loss) and {@code discriminator} (two inputs: the
     * generator's output shape, then the class y; one output compiled with binary cross-entropy). It trains on
     * labelled data whose labels are the one-hot classes.
     */
    public static Gan conditional(Model generator, Model discriminator, int classes) {
        requireCompiled(generator, discriminator);
        if (classes < 2) throw new IllegalArgumentException("a conditional GAN needs at least 2 classes, got " + classes);
        List<Shape> gIn = List.copyOf(generator.spec().inputs().values());
        Shape condition = Shape.vector(classes);
        if (gIn.size() != 2 || !gIn.get(0).isVector() || !gIn.get(1).equals(condition)
                || generator.spec().outputs().size() != 1) {
            throw new IllegalArgumentException("the conditional generator '" + generator.name() + "' must have two "
                    + "vector inputs, the noise then the class " + condition + ", and one output; got inputs "
                    + generator.spec().inputs() + " and outputs " + generator.spec().outputs());
        }
        Shape fake = generated(generator);
        List<Shape> dIn = List.copyOf(discriminator.spec().inputs().values());
        if (dIn.size() != 2 || !dIn.get(0).equals(fake) || !dIn.get(1).equals(condition)) {
            throw new IllegalArgumentException("the generator '" + generator.name() + "' makes " + fake
                    + " but the conditional discriminator '" + discriminator.name() + "' reads "
                    + discriminator.spec().inputs() + ": give it two inputs, of shapes " + fake + " then " + condition);
        }
        return new Gan(generator, discriminator, classes);
    }

    private static Shape generated(Model generator) {
        return generator.spec().shapes().get(generator.spec().outputs().get(0));
    }

    private static Shape judged(Model discriminator) {
        return discriminator.spec().inputs().values().iterator().next();
    }

    private static void requireCompiled(Model generator, Model discriminator) {
        if (generator.optimizer() == null || !generator.losses().isEmpty()) {
            throw new IllegalArgumentException("the generator '" + generator.name() + "' must be compiled with "
                    + "compile(optimizer) alone: it is trained by the error the discriminator passes back, not a loss");
        }
        if (discriminator.losses() == null || discriminator.losses().size() != 1
                || !discriminator.loss().name().equals(Loss.binaryCrossEntropy().name())) {
            throw new IllegalArgumentException("the discriminator '" + discriminator.name() + "' must have one output "
                    + "compiled with compile(Loss.binaryCrossEntropy(), optimizer), after dense(1).sigmoid()");
        }
    }

    /** One-sided label smoothing: real examples are labelled {@code 1 - amount} for D (Salimans et al.: 0.1). */
    public Gan labelSmoothing(double amount) {
        if (!(amount >= 0 && amount < 0.5)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 0.5), got " + amount);
        }
        this.labelSmoothing = amount;
        return this;
    }

    /** k: discriminator steps (batches) per generator step (default 1). */
    public Gan discriminatorSteps(int k) {
        if (k < 1) throw new IllegalArgumentException("discriminator steps must be at least 1, got " + k);
        this.discriminatorSteps = k;
        return this;
    }

    /** Collapse threshold: samples whose spread falls below this fraction of the real data's (default 0.1). */
    public Gan collapseFraction(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("the collapse fraction must be in [0, 1), got " + fraction);
        }
        this.collapseFraction = fraction;
        return this;
    }

    /** Writes a grid of {@code count} samples from fixed noise to {@code dir}/epoch-NNN.png after each epoch. */
    public Gan samples(Path dir, int count) {
        if (count < 1 || count > MONITOR_SAMPLES) {
            throw new IllegalArgumentException("sample grids hold 1 to " + MONITOR_SAMPLES + " samples, got " + count);
        }
        this.sampleDir = dir;
        this.sampleCount = count;
        return this;
    }

    /** Seed of the noise (default 0). */
    public Gan seed(long seed) {
        this.noise = new Random(seed);
        this.fixedNoise = null;
        return this;
    }

    public Model generator() { return generator; }

    public Model discriminator() { return discriminator; }

    /** Why the last {@code fit} stopped as diverged or collapsed, or empty when it did not. */
    public Optional<String> divergence() { return Optional.ofNullable(divergence); }

    /** {@code n} samples G(z) for fresh standard normal noise z, in inference mode (unconditional GANs). */
    public INDArray sample(int n) {
        if (classes > 0) {
            throw new IllegalStateException("GAN generator '" + generator.name() + "' is conditional: ask for classes "
                    + "with sampleClasses(int...)");
        }
        return generator.predict(noise(n));
    }

    /** One sample G(z, y) of each class asked for, for fresh noise z, in inference mode (conditional GANs). */
    public INDArray sampleClasses(int... asked) {
        if (classes == 0) {
            throw new IllegalStateException("GAN generator '" + generator.name() + "' is not conditional: call sample(n)");
        }
        for (int c : asked) {
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("class " + c + " asked of a conditional GAN of classes 0 to "
                        + (classes - 1));
            }
        }
        return generate(noise(asked.length), oneHot(asked));
    }

    /** Whether this GAN takes a class (made by {@link #conditional}). */
    public boolean isConditional() { return classes > 0; }

    /** n x d standard normal noise in the generator's data type, drawn from this GAN's seeded generator. */
    public INDArray noise(int n) {
        long d = noiseShape.elements();
        double[] z = new double[(int) (n * d)];
        for (int i = 0; i < z.length; i++) z[i] = noise.nextGaussian();
        return Nd4j.createFromArray(z).reshape(n, d).castTo(generator.spec().dataType());
    }

    /** Trains on the real examples of {@code data} (labels, if any, are ignored). */
    @Override
    public History fit(Dataset data, Fit fit) {
        if (classes > 0 && (data.labelNames().size() != 1 || data.labelColumns() != classes)) {
            throw new IllegalArgumentException("the conditional GAN of generator '" + generator.name() + "' trains on "
                    + "examples labelled one-hot over its " + classes + " classes; got labels " + data.labelNames()
                    + (data.labelNames().isEmpty() ? "" : " of " + data.labelColumns() + " columns"));
        }
        INDArray real = data.features();
        realSpread = spread(real.get(NDArrayIndex.interval(0, Math.min(real.size(0), 1000))));
        fixedNoise = noise(MONITOR_SAMPLES);
        fixedClasses = new int[MONITOR_SAMPLES];
        for (int i = 0; i < MONITOR_SAMPLES; i++) fixedClasses[i] = classes > 0 ? i % classes : 0;
        divergence = null;
        steps = 0;
        return TrainingLoop.run(this, data, fit);
    }

    @Override
    public Map<String, Double> train(Dataset batch) {
        INDArray real = batch.features();
        int n = (int) real.size(0);
        DataType dt = discriminator.spec().dataType();
        INDArray fakeClasses = classes > 0 ? oneHot(randomClasses(n)) : null;
        INDArray fakes = generateTraining(noise(n), fakeClasses).castTo(dt);
        if (!finite(fakes)) return diverged();
        INDArray labels = Nd4j.vstack(Nd4j.valueArrayOf(new long[] {n, 1}, 1 - labelSmoothing, dt),
                Nd4j.zeros(dt, n, 1));
        INDArray judgedClasses = classes > 0 ? Nd4j.vstack(batch.labels().castTo(dt), fakeClasses.castTo(dt)) : null;
        Pass d = judge(Nd4j.vstack(real.castTo(dt), fakes), judgedClasses);
        double dLoss = d.backward(labels);
        d.update();

        INDArray asked = classes > 0 ? oneHot(randomClasses(n)) : null;
        Pass g = classes > 0 ? generator.forward(noise(n), asked) : generator.forward(noise(n));
        if (!finite(g.output())) return diverged();
        Pass judged = judge(g.output().castTo(dt), asked == null ? null : asked.castTo(dt));
        double gLoss = judged.backward(Nd4j.ones(dt, n, 1));
        if (++steps % discriminatorSteps == 0) {
            g.backwardFrom(judged.inputGradient(discriminatorInput()).castTo(generator.spec().dataType()));
            g.update();
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("d_loss", dLoss);
        logs.put("g_loss", gLoss);
        lastStep = logs;
        return logs;
    }

    /** D's training-mode pass over examples and, when conditional, their one-hot classes. */
    private Pass judge(INDArray examples, INDArray oneHotClasses) {
        return oneHotClasses == null ? discriminator.forward(examples) : discriminator.forward(examples, oneHotClasses);
    }

    /** D's outputs in inference mode. */
    private INDArray judgeInference(INDArray examples, INDArray oneHotClasses) {
        if (oneHotClasses == null) return discriminator.predict(examples);
        List<String> in = List.copyOf(discriminator.spec().inputs().keySet());
        return discriminator.predict(Map.of(in.get(0), examples, in.get(1), oneHotClasses)).values().iterator().next();
    }

    /** G's samples in inference mode for noise and, when conditional, one-hot classes. */
    private INDArray generate(INDArray z, INDArray oneHotClasses) {
        if (oneHotClasses == null) return generator.predict(z);
        List<String> in = List.copyOf(generator.spec().inputs().keySet());
        return generator.predict(Map.of(in.get(0), z, in.get(1), oneHotClasses)).values().iterator().next();
    }

    /**
     * G's samples in training mode, as the generator step makes them (batch norm on the batch's own statistics), so D
     * learns to reject the fakes G is trained to improve.
     */
    private INDArray generateTraining(INDArray z, INDArray oneHotClasses) {
        Pass g = oneHotClasses == null ? generator.forward(z) : generator.forward(z, oneHotClasses);
        return g.output().dup();
    }

    private String discriminatorInput() { return discriminator.spec().inputs().keySet().iterator().next(); }

    private int[] randomClasses(int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) c[i] = noise.nextInt(classes);
        return c;
    }

    private INDArray oneHot(int[] asked) {
        return Dataset.oneHot(asked, classes).castTo(generator.spec().dataType());
    }

    /** Counts the epoch in both models (their learning-rate schedules follow it). */
    @Override
    public void epochDone() {
        generator.network().incrementEpochCount();
        discriminator.network().incrementEpochCount();
    }

    /** The step's numbers when the generator's samples are not finite: the monitor stops training on them. */
    private Map<String, Double> diverged() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("d_loss", Double.NaN);
        logs.put("g_loss", Double.NaN);
        lastStep = logs;
        return logs;
    }

    /** Whether every value is finite (their sum is: NaN and infinities propagate, and so would an overflow). */
    private static boolean finite(INDArray values) {
        return Double.isFinite(values.sumNumber().doubleValue());
    }

    /** D's mean output on {@code data}'s real examples (d_real) and as many generated ones (d_fake; NaN if not finite). */
    @Override
    public Map<String, Double> evaluate(Dataset data) {
        Map<String, Double> logs = new LinkedHashMap<>();
        DataType dt = discriminator.spec().dataType();
        INDArray realClasses = classes > 0 ? data.labels().castTo(dt) : null;
        logs.put("d_real", judgeInference(data.features(), realClasses).meanNumber().doubleValue());
        INDArray fakeClasses = classes > 0 ? oneHot(randomClasses(data.size())) : null;
        INDArray fakes = generate(noise(data.size()), fakeClasses);
        logs.put("d_fake", finite(fakes) ? judgeInference(fakes.castTo(dt), fakeClasses == null ? null
                : fakeClasses.castTo(dt)).meanNumber().doubleValue() : Double.NaN);
        return logs;
    }

    /** The GAN's own monitor: divergence and collapse checks, sample grids. */
    @Override
    public List<Callback> callbacks() { return List.of(new Monitor()); }

    /** Saves the generator; refuses when training diverged or collapsed. */
    @Override
    public void save(Path file) {
        if (divergence != null) {
            throw new IllegalStateException("not saving GAN generator '" + generator.name() + "' to " + file
                    + ": training " + divergence);
        }
        generator.save(file);
    }

    /**
     * Mean over features of the standard deviation over examples: 0 when every example is the same, NaN when any value
     * is not finite.
     */
    static double spread(INDArray examples) {
        INDArray flat = examples.reshape(examples.size(0), examples.length() / examples.size(0)).castTo(DataType.DOUBLE);
        return flat.std(false, 0).meanNumber().doubleValue();
    }

    private final class Monitor implements Callback {
        @Override
        public void onBatchEnd(int epoch, int step, double loss, TrainingContext context) {
            if (divergence == null && !lastStep.values().stream().allMatch(Double::isFinite)) {
                stop(context, "diverged: losses " + lastStep + " at epoch " + epoch + ", step " + step
                        + "; try smaller learning rates (Adam 2e-4 with beta1 0.5), label smoothing, or batch norm in G");
            }
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
            if (divergence != null) return;
            INDArray fakes = generate(fixedNoise, classes > 0 ? oneHot(fixedClasses) : null);
            double s = spread(fakes);
            if (!Double.isFinite(s) || !finite(fakes)) {
                stop(context, "diverged: the generator's samples hold NaN or infinite values at epoch " + epoch
                        + "; try smaller learning rates");
            } else if (s < collapseFraction * realSpread) {
                stop(context, String.format("collapsed: at epoch %d the generator's %d samples spread %.4g (mean "
                                + "per-feature std), %.1f%% of the real data's %.4g, below the %.0f%% limit: it makes "
                                + "nearly one output whatever the noise; try label smoothing, a smaller generator "
                                + "learning rate or more discriminator steps", epoch, MONITOR_SAMPLES, s,
                        100 * s / realSpread, realSpread, 100 * collapseFraction));
            } else if (sampleDir != null) {
                grid(fakes, "epoch " + epoch).save(sampleDir.resolve(String.format("epoch-%03d.png", epoch)));
            }
        }

        private void stop(TrainingContext context, String reason) {
            divergence = reason;
            context.stop("GAN " + reason);
        }
    }

    /** The first {@code sampleCount} samples as tiles: images by their first channel, square vectors as squares. */
    private ImageGrid grid(INDArray fakes, String title) {
        Shape shape = generated(generator);
        List<String> captions = new ArrayList<>();
        List<double[][]> tiles = new ArrayList<>();
        for (int i = 0; i < sampleCount; i++) {
            INDArray one = fakes.slice(i).castTo(DataType.DOUBLE);
            INDArray tile;
            if (shape.isImage()) {
                tile = one.slice(0);
            } else {
                long side = Math.round(Math.sqrt(one.length()));
                tile = side * side == one.length() ? one.reshape(side, side) : one.reshape(1, one.length());
            }
            captions.add(classes > 0 ? "class " + fixedClasses[i] : Integer.toString(i));
            tiles.add(tile.toDoubleMatrix());
        }
        return ImageGrid.of(title, captions, tiles);
    }
}
