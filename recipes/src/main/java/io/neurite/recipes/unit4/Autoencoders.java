package io.neurite.recipes.unit4;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Mnist;
import io.neurite.data.TrainTest;
import io.neurite.generative.Autoencoder;
import io.neurite.generative.Vae;
import io.neurite.model.GraphBuilder;
import io.neurite.model.Model;
import io.neurite.model.Node;
import io.neurite.plot.Chart;
import io.neurite.plot.ImageGrid;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Unit 4's autoencoders on the MNIST mini: a convolutional undercomplete autoencoder against a dense one of the same
 * code width (held-out reconstruction error, the mean digit as baseline); denoising autoencoders at several noise
 * levels (the error of the noisy input against that of the reconstruction); a KL sparsity penalty with the mean
 * activation it leaves; the codes as features for a softmax
 * classifier trained on few labels, against raw pixels; and a VAE with a 2-D code: the code space coloured by digit,
 * an interpolation between two digits and samples from the prior.
 */
public final class Autoencoders implements Recipe {
    public static final int EPOCHS = 15;
    public static final int CODE = 32;
    /** Labelled examples per digit for the features comparison. */
    public static final int LABELLED_PER_DIGIT = 10;
    public static final double[] NOISE_LEVELS = {0.2, 0.4, 0.6, 0.8};

    @Override public String name() { return "autoencoders"; }

    @Override public int unit() { return 4; }

    @Override public boolean hasFullData() { return true; }

    @Override
    public String description() {
        return "dense and convolutional autoencoders, denoising at four noise levels, codes as features from 10 labels "
                + "per digit, and a 2-D VAE: code space by digit, interpolation, samples from the prior";
    }

    static Optimizer adam() { return Optimizer.adam(2e-3); }

    /** Dense encoder 784 -> code, ReLU. */
    public static Model denseEncoder(int code) {
        return Model.sequential("dense-encoder").seed(1).input(Shape.vector(784)).dense(code).relu().build()
                .compile(adam());
    }

    /** Dense decoder code -> 784, sigmoid, mean squared error. */
    public static Model denseDecoder(int code) {
        return Model.sequential("dense-decoder").seed(2).input(Shape.vector(code)).dense(784).sigmoid().build()
                .compile(Loss.mse(), adam());
    }

    /**
     * Convolutional encoder: 784 pixels -> reshape 28x28x1 -> conv 16@3x3 stride 2 -> conv 32@3x3 stride 2 (7x7x32) ->
     * dense code, ReLU. It reads and its decoder writes flat digits, as the dense pair does, so that both train and are
     * scored on the same arrays (an image-shaped output with a loss works too: {@code ImageOutputTest}).
     */
    public static Model convEncoder(int code) {
        return Model.sequential("conv-encoder").seed(1).input(Shape.vector(784)).reshape(28, 28, 1)
                .conv(16, 3).stride(2).same().relu().conv(32, 3).stride(2).same().relu()
                .flatten().dense(code).relu().build().compile(adam());
    }

    /** Convolutional decoder: code -> dense 7x7x32 -> upsample, conv 16@3x3 -> upsample, conv 1@3x3 sigmoid -> 784. */
    public static Model convDecoder(int code) {
        return Model.sequential("conv-decoder").seed(2).input(Shape.vector(code)).dense(7 * 7 * 32).relu()
                .reshape(7, 7, 32).upsample(2).conv(16, 3).same().relu().upsample(2).conv(1, 3).same().sigmoid()
                .flatten().build().compile(Loss.mse(), adam());
    }

    /** Per-pixel mean squared error. */
    public static double mse(INDArray a, INDArray b) {
        return Nd4j.math().squaredDifference(a.castTo(DataType.DOUBLE), b.castTo(DataType.DOUBLE).reshape(a.shape()))
                .meanNumber().doubleValue();
    }

    /** Mean squared error of the mean training digit for every test digit: what a model that learned nothing gets. */
    public static double meanDigitBaseline(TrainTest digits) {
        INDArray test = digits.test().features();
        return mse(test, Nd4j.zerosLike(test).addRowVector(digits.train().features().mean(0)));
    }

    /** Held-out reconstruction errors of the dense and the convolutional autoencoder of one code width. */
    public record Undercomplete(Autoencoder dense, Autoencoder conv, double denseMse, double convMse, double baseline) { }

    public static Undercomplete undercomplete(TrainTest digits, Fit fit) {
        Autoencoder dense = Autoencoder.of(denseEncoder(CODE), denseDecoder(CODE));
        dense.fit(Dataset.unlabelled(digits.train().features()), fit);
        Autoencoder conv = Autoencoder.of(convEncoder(CODE), convDecoder(CODE));
        conv.fit(Dataset.unlabelled(digits.train().features()), fit);
        INDArray test = digits.test().features();
        return new Undercomplete(dense, conv, mse(dense.reconstruct(test), test),
                mse(conv.reconstruct(test), test), meanDigitBaseline(digits));
    }

    /** One noise level: the noisy input's error and the reconstruction's, both against the clean test digits. */
    public record Denoised(double sigma, double noisyMse, double reconstructedMse) { }

    /** A dense denoising autoencoder (code 64) trained per noise level, scored on noisy held-out digits. */
    public static List<Denoised> denoising(TrainTest digits, double[] sigmas, Fit fit) {
        List<Denoised> rows = new ArrayList<>();
        INDArray test = digits.test().features();
        for (double sigma : sigmas) {
            Autoencoder ae = Autoencoder.of(denseEncoder(64), denseDecoder(64)).denoising(sigma).seed(4);
            ae.fit(Dataset.unlabelled(digits.train().features()), fit);
            INDArray noisy = ae.corrupt(test, sigma);
            rows.add(new Denoised(sigma, mse(noisy, test), mse(ae.reconstruct(noisy), test)));
        }
        return rows;
    }

    /** Test accuracy of a softmax classifier on raw pixels and on the autoencoder's codes, both from few labels. */
    public record Features(double pixels, double codes, int labelled) { }

    /**
     * The autoencoder learned from all training digits without labels; a softmax regression learns from the first
     * {@code perDigit} labelled examples of each digit, once on the 784 pixels and once on the codes.
     */
    public static Features codesAsFeatures(TrainTest digits, Autoencoder ae, int perDigit, Fit fit) {
        Dataset few = firstPerClass(digits.train(), perDigit);
        double pixels = softmaxAccuracy(few.features(), few.labels(), digits.test().features(), digits.test().labels(),
                fit);
        double codes = softmaxAccuracy(ae.encode(few.features()), few.labels(), ae.encode(digits.test().features()),
                digits.test().labels(), fit);
        return new Features(pixels, codes, few.size());
    }

    static double softmaxAccuracy(INDArray x, INDArray y, INDArray testX, INDArray testY, Fit fit) {
        Model m = Model.sequential("softmax").seed(3).input(Shape.vector(x.size(1))).dense(10).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.adam(1e-2));
        m.fit(Dataset.of(x, y), fit);
        return m.evaluate(Dataset.of(testX, testY)).accuracy();
    }

    static Dataset firstPerClass(Dataset data, int perClass) {
        int[] classes = data.classIndices();
        int[] count = new int[10];
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) if (count[classes[i]]++ < perClass) rows.add(i);
        return data.select(rows.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A VAE with a 2-D code: encoder 784 -> 256 ReLU -> mu, log_var (2 each); decoder 2 -> 256 ReLU -> 784 sigmoid. */
    public static Vae vae2d() {
        GraphBuilder g = Model.graph("vae-encoder").seed(1);
        Node h = g.input("x", Shape.vector(784)).dense(256).relu();
        g.output(h.dense(2).named("mu"), h.dense(2).named("log_var"));
        Model p = Model.sequential("vae-decoder").seed(2).input(Shape.vector(2)).dense(256).relu().dense(784).sigmoid()
                .build().compile(Loss.binaryCrossEntropy(), Optimizer.adam(1e-3));
        return Vae.of(g.build().compile(Optimizer.adam(1e-3)), p).seed(5);
    }

    /** The VAE's code means mu(x), one row per example. */
    public static INDArray codes(Vae vae, INDArray x) {
        return vae.encoder().predict(Map.of("x", x)).get("mu");
    }

    /** Scatter of the 2-D code means of {@code data}, one colour per digit. */
    public static Chart latentSpace(Vae vae, Dataset data) {
        INDArray mu = codes(vae, data.features()).castTo(DataType.DOUBLE);
        int[] classes = data.classIndices();
        Chart chart = Chart.lines("VAE: code means of the test digits, by digit", "z1", "z2");
        for (int c = 0; c < 10; c++) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < classes.length; i++) if (classes[i] == c) points.add(mu.getRow(i).toDoubleVector());
            chart.points("digit " + c, points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray());
        }
        return chart;
    }

    /** Decodes (1 - t) mu(a) + t mu(b) for {@code steps} values of t from 0 to 1. */
    public static INDArray interpolate(Vae vae, INDArray a, INDArray b, int steps) {
        INDArray ma = codes(vae, a);
        INDArray mb = codes(vae, b);
        INDArray path = Nd4j.create(ma.dataType(), steps, ma.size(1));
        for (int s = 0; s < steps; s++) {
            double t = (double) s / (steps - 1);
            path.putRow(s, ma.mul(1 - t).addi(mb.mul(t)));
        }
        return vae.decoder().predict(path);
    }

    static List<String> captions(String prefix, int n) {
        List<String> c = new ArrayList<>();
        for (int i = 0; i < n; i++) c.add(prefix + i);
        return c;
    }

    @Override
    public void run(RecipeContext ctx) {
        TrainTest digits = Mnist.load(ctx.dataSize());
        Fit fit = ctx.fit(EPOCHS).batchSize(50);
        Undercomplete u = undercomplete(digits, fit);
        ctx.printf("held-out per-pixel MSE, code of %d: dense %.4f, convolutional %.4f, mean digit %.4f%n", CODE,
                u.denseMse(), u.convMse(), u.baseline());
        INDArray test = digits.test().features().get(NDArrayIndex.interval(0, 8));
        INDArray rows = Nd4j.vstack(test, u.dense().reconstruct(test),
                u.conv().reconstruct(test));
        List<String> labels = new ArrayList<>();
        for (String what : new String[] {"digit ", "dense ", "conv "}) for (int i = 0; i < 8; i++) labels.add(what + i);
        ctx.save(GanScores.grid("test digits, dense and convolutional reconstructions", rows, labels),
                "autoencoder-reconstructions.png");

        ctx.printf("%ndenoising (dense, code 64), MSE to the clean test digits:%n%8s %12s %16s%n", "sigma",
                "noisy input", "reconstruction");
        for (Denoised d : denoising(digits, NOISE_LEVELS, fit)) {
            ctx.printf("%8.1f %12.4f %16.4f%n", d.sigma(), d.noisyMse(), d.reconstructedMse());
        }

        Autoencoder sparse = Autoencoder.of(Model.sequential("sigmoid-encoder").seed(1).input(Shape.vector(784))
                .dense(64).sigmoid().build().compile(adam()), denseDecoder(64)).sparseKl(0.05, 3);
        var s = sparse.fit(Dataset.unlabelled(digits.train().features()), fit);
        ctx.printf("%nKL sparsity (rho 0.05, beta 3) on a 64-unit sigmoid code: mean activation %.4f on training "
                        + "digits, %.4f held out; held-out MSE %.4f%n%n", s.last("mean_activation"),
                sparse.encode(digits.test().features()).meanNumber().doubleValue(),
                mse(sparse.reconstruct(digits.test().features()), digits.test().features()));

        Map<String, Features> features = new LinkedHashMap<>();
        features.put("dense", codesAsFeatures(digits, u.dense(), LABELLED_PER_DIGIT, ctx.fit(100).fullBatch()));
        features.put("convolutional", codesAsFeatures(digits, u.conv(), LABELLED_PER_DIGIT,
                ctx.fit(100).fullBatch()));
        for (var e : features.entrySet()) {
            ctx.printf("softmax from %d labels: raw pixels %.1f%%, %s autoencoder's %d-value codes %.1f%%%n",
                    e.getValue().labelled(), 100 * e.getValue().pixels(), e.getKey(), CODE, 100 * e.getValue().codes());
        }

        Vae vae = vae2d();
        vae.fit(Dataset.unlabelled(digits.train().features()), ctx.fit(EPOCHS * 2).batchSize(50).quiet());
        ctx.save(latentSpace(vae, digits.test()), "vae-latent-space.png");
        INDArray a = digits.test().features().get(NDArrayIndex.interval(0, 1));
        INDArray b = digits.test().features().get(NDArrayIndex.interval(1, 2));
        ctx.save(GanScores.grid("VAE: from one test digit to another", interpolate(vae, a, b, 10), captions("t ", 10)),
                "vae-interpolation.png");
        ctx.save(GanScores.grid("VAE: samples from the prior N(0, I)", vae.sample(16), captions("sample ", 16)),
                "vae-prior-samples.png");
    }
}
