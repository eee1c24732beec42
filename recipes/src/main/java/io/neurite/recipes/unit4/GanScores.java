package io.neurite.recipes.unit4;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.FashionMnist;
import io.neurite.data.Mnist;
import io.neurite.data.TrainTest;
import io.neurite.generative.Gan;
import io.neurite.generative.SampleQuality;
import io.neurite.model.GraphBuilder;
import io.neurite.model.Model;
import io.neurite.model.Node;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.train.Schedule;
import io.neurite.zoo.LeNet;
import io.neurite.plot.ImageGrid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Unit 4's GANs measured rather than eyeballed: an MLP GAN, a DCGAN (upsampling and convolutions, batch norm, leaky ReLU)
 * and a class-conditional GAN on MNIST, scored with a LeNet-5 trained here on the real digits: the Fréchet distance
 * between its penultimate (84-unit) features of 500 samples and of the test digits, and the classifier score
 * exp(E KL(p(y|x) || p(y))), for real digits, each GAN and uniform noise; the conditional GAN's samples are classified
 * and counted as the digit asked for. The MLP GAN and the DCGAN also draw Fashion-MNIST. Measured on the mini over
 * three seeds, the DCGAN (10 epochs) ends closest to the test digits (Fréchet distance 30-49), then the MLP GAN (20
 * epochs; 66-78), then noise (211; real training digits 8.5). With batch norm in its discriminator the DCGAN swung
 * between 62 and 292.
 */
public final class GanScores implements Recipe {
    /** Epochs as written. */
    public static final int LENET_EPOCHS = 6;
    public static final int MLP_EPOCHS = 20;
    public static final int DCGAN_EPOCHS = 10;
    public static final int CONDITIONAL_EPOCHS = 30;
    /** LeNet-5's 84-unit layer, the features of the Fréchet distance. */
    public static final String FEATURES = "dense_2";
    /** Samples scored per model (and the number of test digits they are compared with on the mini). */
    public static final int SAMPLES = 500;
    /** Noise width of every generator. */
    public static final int NOISE = 64;

    @Override public String name() { return "gan-scores"; }

    @Override public int unit() { return 4; }

    @Override
    public String description() {
        return "MLP GAN, DCGAN and conditional GAN on MNIST scored by LeNet-5: Fréchet distance, classifier score, "
                + "digits drawn as asked; MLP GAN and DCGAN on Fashion-MNIST";
    }

    @Override public boolean hasFullData() { return true; }

    /** The DCGAN paper's Adam: rate {@code lr}, beta1 0.5. */
    static Optimizer adam(double lr) { return Optimizer.of("adam", new Adam(lr, 0.5, 0.999, 1e-8)); }

    /** LeNet-5 (28x28) trained on {@code data.train()}: the judge whose features and classes score the samples. */
    public static Model judge(TrainTest images, Fit fit) {
        Model lenet = LeNet.lenet5Mnist(Shape.image(28, 28, 1), 10).compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
        lenet.fit(images.train(), fit);
        return lenet;
    }

    /** The MLP GAN of GanTest: G 64 -> 256 leaky ReLU -> 784 sigmoid; D 784 -> 256 leaky ReLU, dropout 0.3 -> 1. */
    public static Gan mlpGan() {
        Model g = Model.sequential("mlp-G").seed(1).input(Shape.vector(NOISE)).dense(256).leakyRelu(0.2)
                .dense(784).sigmoid().build().compile(adam(1e-3));
        Model d = Model.sequential("mlp-D").seed(2).input(Shape.vector(784)).dense(256).leakyRelu(0.2).dropout(0.3)
                .dense(1).sigmoid().build().compile(Loss.binaryCrossEntropy(), adam(1e-3));
        return Gan.of(g, d).seed(3).labelSmoothing(0.1);
    }

    /**
     * A DCGAN for 28x28x1 (Radford et al. 2016, scaled down; nearest-neighbour upsampling then a convolution in place
     * of each transposed convolution, which leaves no checkerboard (Odena et al. 2016)): G 64 -> dense 7x7x32, batch
     * norm, ReLU -> reshape -> upsample 2, convolution 16@3x3, batch norm, ReLU (14x14) -> upsample 2, convolution
     * 1@3x3, sigmoid (28x28); D convolution 16@4x4 stride 2, leaky ReLU 0.2 -> 32@4x4 stride 2, leaky ReLU -> dense 1
     * sigmoid. Both learn with Adam (beta1 0.5) from 1e-3 falling linearly to 0 over {@code epochs}: at a constant 1e-3
     * the samples were best after 4 epochs and then decayed. No batch norm in D (the paper has it): {@link Gan}'s
     * discriminator step normalizes real and fake digits in one batch, its generator step fakes alone, and with it
     * the DCGAN ended at Fréchet distances of 62, 164 and 292 over three seeds, worse than noise twice.
     */
    public static Gan dcgan(int epochs) {
        Model g = Model.sequential("dc-G").seed(1).input(Shape.vector(NOISE)).dense(7 * 7 * 32).batchNorm().relu()
                .reshape(7, 7, 32).upsample(2).conv(16, 3).same().batchNorm().relu()
                .upsample(2).conv(1, 3).same().sigmoid().build().compile(decaying(1e-3, epochs));
        Model d = Model.sequential("dc-D").seed(2).input(Shape.image(28, 28, 1)).conv(16, 4).stride(2).same()
                .leakyRelu(0.2).conv(32, 4).stride(2).same().leakyRelu(0.2).flatten().dense(1).sigmoid()
                .build().compile(Loss.binaryCrossEntropy(), decaying(1e-3, epochs));
        return Gan.of(g, d).seed(3).labelSmoothing(0.1);
    }

    /** Adam (beta1 0.5) whose rate falls linearly from {@code lr} to 0 over {@code epochs}. */
    static Optimizer decaying(double lr, int epochs) { return adam(lr).withSchedule(Schedule.polynomial(lr, 1, epochs)); }

    /**
     * A class-conditional MLP GAN (Mirza and Osindero 2014): each model first maps the one-hot class y to 32 values
     * (dense, leaky ReLU), so the class weighs as much as the other input; G [z (64), y] -> 256 -> 512 leaky ReLU ->
     * 784 sigmoid; D [x (784), y] -> 256 leaky ReLU, dropout 0.3 -> 1 sigmoid. With the raw one-hot class beside the
     * pixels, D ignored it for 25 epochs and the samples were read as asked only by chance. Its samples spread only
     * 2-7% of the real digits' over the first epochs and then recover, so the collapse limit is 1% here, not 10%.
     */
    public static Gan conditionalGan() {
        GraphBuilder g = Model.graph("cond-G").seed(1);
        Node z = g.input("z", Shape.vector(NOISE));
        Node y = g.input("y", Shape.vector(10));
        g.output(z.concat(y.dense(32).leakyRelu(0.2)).dense(256).leakyRelu(0.2).dense(512).leakyRelu(0.2)
                .dense(784).sigmoid());
        GraphBuilder d = Model.graph("cond-D").seed(2);
        Node x = d.input("x", Shape.vector(784));
        Node yd = d.input("y", Shape.vector(10));
        d.output(x.concat(yd.dense(32).leakyRelu(0.2)).dense(256).leakyRelu(0.2).dropout(0.3).dense(1).sigmoid());
        return Gan.conditional(g.build().compile(adam(1e-3)), d.build().compile(Loss.binaryCrossEntropy(), adam(1e-3)),
                10).seed(3).labelSmoothing(0.1).collapseFraction(0.01);
    }

    /** {@code n} samples of an unconditional GAN as [n, 1, 28, 28] images. */
    public static INDArray images(Gan gan, int n) { return gan.sample(n).reshape(n, 1, 28, 28); }

    /** {@code n} images of uniform noise in [0, 1), seeded. */
    public static INDArray noise(int n) {
        Nd4j.getRandom().setSeed(5);
        return Nd4j.rand(DataType.FLOAT, n, 1, 28, 28);
    }

    /** Per class asked for (0-9, {@code perClass} each): samples of the conditional GAN and the share the judge reads as asked. */
    public record Asked(INDArray images, int[] asked, int[] read, double accuracy) { }

    public static Asked asked(Gan conditional, SampleQuality quality, int perClass) {
        int[] asked = new int[10 * perClass];
        for (int i = 0; i < asked.length; i++) asked[i] = i % 10;
        INDArray images = conditional.sampleClasses(asked).reshape(asked.length, 1, 28, 28);
        int[] read = quality.classes(images);
        int hits = 0;
        for (int i = 0; i < asked.length; i++) if (read[i] == asked[i]) hits++;
        return new Asked(images, asked, read, (double) hits / asked.length);
    }

    /** Images [n, 1, h, w] (or [n, h*w] squares) as tiles with captions. */
    public static ImageGrid grid(String title, INDArray images, List<String> captions) {
        List<double[][]> tiles = new ArrayList<>();
        for (int i = 0; i < captions.size(); i++) {
            INDArray one = images.slice(i).castTo(DataType.DOUBLE);
            long side = Math.round(Math.sqrt(one.length()));
            tiles.add(one.reshape(side, side).toDoubleMatrix());
        }
        return ImageGrid.of(title, captions, tiles);
    }

    /** The first {@code n} rows of {@code x}. */
    public static INDArray first(INDArray x, int n) { return x.get(NDArrayIndex.interval(0, Math.min(n, x.size(0)))); }

    /** Trains {@code gan} on {@code data}, sample grids in {@code grids}, and says why it stopped if it did. */
    static History train(Gan gan, Dataset data, Fit fit, Path grids) {
        return gan.samples(grids, Gan.MONITOR_SAMPLES).fit(data, fit);
    }

    @Override
    public void run(RecipeContext ctx) {
        TrainTest digits = Mnist.load(ctx.dataSize());
        TrainTest images = digits.asImages(28, 28, 1);
        Model lenet = judge(images, ctx.fit(LENET_EPOCHS).batchSize(64));
        ctx.printf("judge: LeNet-5, test accuracy %.2f%% on %d digits%n",
                100 * lenet.evaluate(images.test()).accuracy(), images.test().size());
        INDArray test = first(images.test().features(), SAMPLES);
        SampleQuality quality = SampleQuality.of(lenet, FEATURES, test);

        Gan mlp = mlpGan();
        report(ctx, "MLP GAN", train(mlp, Dataset.unlabelled(digits.train().features()),
                ctx.fit(MLP_EPOCHS).batchSize(64), ctx.outDir().resolve("mlp-gan")));
        Gan dc = dcgan(ctx.epochs(DCGAN_EPOCHS));
        report(ctx, "DCGAN", train(dc, Dataset.unlabelled(images.train().features()), ctx.fit(DCGAN_EPOCHS).batchSize(64),
                ctx.outDir().resolve("dcgan")));
        Gan cond = conditionalGan();
        report(ctx, "conditional GAN", train(cond, digits.train(), ctx.fit(CONDITIONAL_EPOCHS).batchSize(64),
                ctx.outDir().resolve("conditional-gan")));

        Map<String, INDArray> sets = new LinkedHashMap<>();
        sets.put("real training digits", first(images.train().features(), SAMPLES));
        sets.put("MLP GAN", images(mlp, SAMPLES));
        sets.put("DCGAN", dc.sample(SAMPLES));
        sets.put("uniform noise", noise(SAMPLES));
        ctx.printf("%nscored against %d test digits by LeNet-5 (Fréchet distance in its 84 features: lower is better; "
                + "classifier score: 10 at best, 1 at worst; mean top-class probability)%n", test.size(0));
        ctx.printf("%-22s %10s %10s %10s%n", "samples", "Fréchet", "score", "confidence");
        for (var e : sets.entrySet()) {
            SampleQuality.Score s = quality.score(e.getValue());
            ctx.printf("%-22s %10.2f %10.3f %10.3f%n", e.getKey(), s.frechetDistance(), s.classifierScore(),
                    s.meanConfidence());
        }
        Asked a = asked(cond, quality, 50);
        ctx.printf("%nconditional GAN: %.1f%% of %d samples read by LeNet-5 as the digit asked for (chance 10%%)%n",
                100 * a.accuracy(), a.asked().length);
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < 40; i++) captions.add("asked " + a.asked()[i] + ", read " + a.read()[i]);
        ctx.save(grid("conditional GAN: the digit asked for", a.images(), captions), "conditional-gan-asked.png");

        TrainTest clothes = FashionMnist.load(ctx.dataSize());
        report(ctx, "MLP GAN on Fashion-MNIST", train(mlpGan(), Dataset.unlabelled(clothes.train().features()),
                ctx.fit(MLP_EPOCHS).batchSize(64), ctx.outDir().resolve("mlp-gan-fashion")));
        report(ctx, "DCGAN on Fashion-MNIST", train(dcgan(ctx.epochs(DCGAN_EPOCHS)),
                Dataset.unlabelled(clothes.asImages(28, 28, 1).train().features()), ctx.fit(DCGAN_EPOCHS).batchSize(64),
                ctx.outDir().resolve("dcgan-fashion")));
    }

    private static void report(RecipeContext ctx, String what, History h) {
        ctx.printf("%s: %d epochs, d_loss %.3f, g_loss %.3f, D(real) %.3f, D(fake) %.3f%s%n", what, h.epochs(),
                h.last("d_loss"), h.last("g_loss"), h.last("d_real"), h.last("d_fake"),
                h.stopReason().map(r -> "; stopped: " + r).orElse(""));
    }
}
