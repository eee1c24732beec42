package io.neurite.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.model.Model;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.train.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The GAN trainer on d2l's toy problem, its options, and divergence reported rather than saved. */
class GanTest {
    /** d2l 20.2: X = Z A + b with Z ~ N(0, I); its mean is b and its covariance A^T A = [[1.01, 1.95], [1.95, 4.25]]. */
    private static final double[][] A = {{1, 2}, {-0.1, 0.5}};
    private static final double[] B = {1, 2};

    private static INDArray toyData(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            double z0 = r.nextGaussian();
            double z1 = r.nextGaussian();
            x[i][0] = z0 * A[0][0] + z1 * A[1][0] + B[0];
            x[i][1] = z0 * A[0][1] + z1 * A[1][1] + B[1];
        }
        return Nd4j.createFromArray(x).castTo(DataType.FLOAT);
    }

    /** d2l's generator: one linear layer from 2-D noise. */
    private static Model generator(Optimizer optimizer) {
        return Model.sequential("G").seed(1).input(Shape.vector(2)).dense(2).build().compile(optimizer);
    }

    private static Model generator(double lr) { return generator(Optimizer.adam(lr)); }

    /** d2l's discriminator: 2 -> 5 tanh -> 3 tanh -> 1 sigmoid. */
    private static Model discriminator(Optimizer optimizer) {
        return Model.sequential("D").seed(2).input(Shape.vector(2)).dense(5).tanh().dense(3).tanh().dense(1).sigmoid()
                .build().compile(Loss.binaryCrossEntropy(), optimizer);
    }

    private static Model discriminator(double lr) { return discriminator(Optimizer.adam(lr)); }

    /** Adam whose rate falls linearly from {@code lr} to 0 over {@code epochs}, damping the GAN's oscillation. */
    private static Optimizer decaying(double lr, int epochs) {
        return Optimizer.adam(lr).withSchedule(Schedule.polynomial(lr, 1, epochs));
    }

    private static double[] mean(INDArray x) { return x.mean(0).toDoubleVector(); }

    /** Sample covariance (1/(n-1)) of the rows of x. */
    private static double[][] covariance(INDArray x) {
        INDArray c = x.castTo(DataType.DOUBLE).subRowVector(x.castTo(DataType.DOUBLE).mean(0));
        return c.transpose().mmul(c).div(x.size(0) - 1).toDoubleMatrix();
    }

    /**
     * d2l's setting (1,000 examples, Adam, D learning 5x faster than G) with batch 16, one-sided label smoothing 0.1
     * and both rates decaying linearly to 0 over 20 epochs. Tolerances, per coordinate i, j with target sigma_i:
     * |mean_i - b_i| < 0.25 sigma_i and |cov_ij - (A^T A)_ij| < 0.25 sigma_i sigma_j; seen: mean (0.964, 1.928),
     * cov [[0.821, 1.837], [1.837, 4.376]]. The untrained generator (mean near 0) misses them by far.
     */
    @Test
    @Tag("slow")
    void toyGanMatchesTheGaussiansMeanAndCovariance() {
        int epochs = 20;
        Gan gan = Gan.of(generator(decaying(0.01, epochs)), discriminator(decaying(0.05, epochs))).seed(3)
                .labelSmoothing(0.1);
        double[][] target = {{1.01, 1.95}, {1.95, 4.25}};
        double[] sigma = {Math.sqrt(target[0][0]), Math.sqrt(target[1][1])};
        double[] untrained = mean(gan.sample(5000));
        assertTrue(Math.abs(untrained[0] - B[0]) > 0.25 * sigma[0], "the bounds reject the untrained generator");
        History h = gan.fit(Dataset.unlabelled(toyData(1000, 7)), Fit.epochs(epochs).batchSize(16).quiet());
        assertTrue(h.stopReason().isEmpty(), h.stopReason().toString());
        assertTrue(h.metrics().containsAll(List.of("d_loss", "g_loss", "d_real", "d_fake")), h.metrics().toString());
        INDArray fake = gan.sample(5000);
        double[] m = mean(fake);
        double[][] c = covariance(fake);
        System.out.printf("toy GAN: mean %s cov %s%n", Arrays.toString(m), Arrays.deepToString(c));
        for (int i = 0; i < 2; i++) {
            assertEquals(B[i], m[i], 0.25 * sigma[i], "mean " + i);
            for (int j = 0; j < 2; j++) assertEquals(target[i][j], c[i][j], 0.25 * sigma[i] * sigma[j], "cov " + i + j);
        }
    }

    /**
     * One batch, k = 2: the logged d_loss is D's mean binary cross-entropy, before its step, on the real rows labelled
     * 0.9 (smoothing 0.1) and G(z1) labelled 0; g_loss is -mean log D(G(z2)) after D's step; G does not move.
     */
    @Test
    void smoothedLabelsAndTheNonSaturatingLossMatchHandComputations() {
        Model g = generator(0.01);
        Model d = discriminator(0.01);
        INDArray real = toyData(16, 5);
        INDArray gBefore = g.network().params().dup();
        Gan replay = Gan.of(generator(0.01), discriminator(0.01)).seed(9);
        replay.noise(Gan.MONITOR_SAMPLES);   // fit first draws the monitor's fixed noise
        INDArray z1 = replay.noise(16);
        INDArray z2 = replay.noise(16);
        INDArray p = d.predict(Nd4j.vstack(real, g.predict(z1))).castTo(DataType.DOUBLE);
        double byHand = 0;
        for (int i = 0; i < 32; i++) {
            double y = i < 16 ? 0.9 : 0;
            byHand -= y * Math.log(p.getDouble(i, 0)) + (1 - y) * Math.log(1 - p.getDouble(i, 0));
        }
        Gan gan = Gan.of(g, d).seed(9).labelSmoothing(0.1).discriminatorSteps(2);
        History h = gan.fit(Dataset.unlabelled(real), Fit.epochs(1).fullBatch().quiet());
        assertEquals(byHand / 32, h.last("d_loss"), 1e-5);
        double gByHand = -Transforms.log(d.predict(g.predict(z2)).castTo(DataType.DOUBLE))
                .meanNumber().doubleValue();
        assertEquals(gByHand, h.last("g_loss"), 1e-5);
        assertEquals(gBefore, g.network().params(), "k = 2: the generator waits for the second batch");
        gan.fit(Dataset.unlabelled(real), Fit.epochs(2).fullBatch().quiet());
        assertFalse(gBefore.equals(g.network().params()), "and moves on it");
    }

    @Test
    void sampleGridsAreWrittenEveryEpoch(@TempDir Path dir) {
        Gan gan = Gan.of(generator(0.005), discriminator(0.05)).samples(dir, 9);
        gan.fit(Dataset.unlabelled(toyData(64, 1)), Fit.epochs(2).batchSize(32).quiet());
        assertTrue(Files.exists(dir.resolve("epoch-001.png")) && Files.exists(dir.resolve("epoch-002.png")));
    }

    @Test
    void aGeneratorMakingNaNIsReportedAndNotSaved(@TempDir Path dir) {
        Model g = generator(0.005);
        g.setWeights("dense_1", Nd4j.valueArrayOf(new long[] {2, 2}, Double.NaN).castTo(DataType.FLOAT));
        Gan gan = Gan.of(g, discriminator(0.05)).samples(dir, 4);
        History h = gan.fit(Dataset.unlabelled(toyData(64, 1)), Fit.epochs(3).batchSize(32).quiet());
        assertEquals(1, h.epochs(), "stopped in the first epoch");
        assertTrue(h.stopReason().orElseThrow().startsWith("GAN diverged: losses {d_loss=NaN"), h.stopReason().get());
        assertTrue(gan.divergence().isPresent());
        assertFalse(Files.exists(dir.resolve("epoch-001.png")), "no grid of a diverged epoch");
        var e = assertThrows(IllegalStateException.class, () -> gan.save(dir.resolve("g.zip")));
        assertTrue(e.getMessage().contains("not saving GAN generator 'G'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("g.zip")));
    }

    /** A generator whose weights are zero and learn at 1e-9 per step outputs its bias whatever the noise. */
    @Test
    void aGeneratorCollapsedToOneOutputIsReported(@TempDir Path dir) {
        Model g = Model.sequential("G").seed(1).input(Shape.vector(2)).dense(2).build().compile(Optimizer.sgd(1e-9));
        g.setWeights("dense_1", Nd4j.zeros(DataType.FLOAT, 2, 2));
        Gan gan = Gan.of(g, discriminator(0.05)).samples(dir, 4);
        History h = gan.fit(Dataset.unlabelled(toyData(64, 1)), Fit.epochs(3).batchSize(32).quiet());
        assertEquals(1, h.epochs());
        assertTrue(h.stopReason().orElseThrow().startsWith("GAN collapsed: at epoch 1"), h.stopReason().get());
        assertFalse(Files.exists(dir.resolve("epoch-001.png")));
        assertThrows(IllegalStateException.class, () -> gan.save(dir.resolve("g.zip")));
    }

    @Test
    void mismatchedModelsAreRefusedWithTheFix() {
        Model withLoss = Model.sequential("G").input(Shape.vector(2)).dense(2).build()
                .compile(Loss.mse(), Optimizer.adam(0.01));
        var e = assertThrows(IllegalArgumentException.class, () -> Gan.of(withLoss, discriminator(0.01)));
        assertTrue(e.getMessage().contains("compile(optimizer) alone"), e.getMessage());
        Model wide = Model.sequential("G").input(Shape.vector(2)).dense(3).build().compile(Optimizer.adam(0.01));
        var e2 = assertThrows(IllegalArgumentException.class, () -> Gan.of(wide, discriminator(0.01)));
        assertEquals("the generator 'G' makes (3) but the discriminator 'D' reads {input=(2)}: give the discriminator "
                + "one input of shape (3)", e2.getMessage());
    }
}
