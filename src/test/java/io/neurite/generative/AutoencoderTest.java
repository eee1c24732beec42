package io.neurite.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Mnist;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dense autoencoders on the MNIST mini (1,000 training digits, 500 held out), judged by per-pixel mean squared error on
 * the held-out digits against the baseline of predicting the mean training digit, which a model that learned nothing
 * does not beat.
 */
class AutoencoderTest {
    private static final TrainTest DIGITS = Mnist.mini().take(1000, 500);

    private static Model encoder(int code) {
        return Model.sequential("encoder").seed(1).input(Shape.vector(784)).dense(code).relu().build()
                .compile(Optimizer.adam(2e-3));
    }

    private static Model decoder(int code) {
        return Model.sequential("decoder").seed(2).input(Shape.vector(code)).dense(784).sigmoid().build()
                .compile(Loss.mse(), Optimizer.adam(2e-3));
    }

    private static double mse(INDArray a, INDArray b) {
        return Nd4j.math().squaredDifference(a.castTo(DataType.DOUBLE), b.castTo(DataType.DOUBLE)).meanNumber()
                .doubleValue();
    }

    /** Mean squared error of predicting the mean training digit for every held-out digit. */
    private static double meanDigitBaseline() {
        INDArray test = DIGITS.test().features();
        return mse(test, Nd4j.zerosLike(test).addRowVector(DIGITS.train().features().mean(0)));
    }

    @Test
    void anUndercompleteAutoencoderBeatsTheMeanDigitOnHeldOutDigits() {
        INDArray test = DIGITS.test().features();
        Autoencoder ae = Autoencoder.of(encoder(32), decoder(32));
        double baseline = meanDigitBaseline();
        double untrained = mse(ae.reconstruct(test), test);
        History h = ae.fit(Dataset.unlabelled(DIGITS.train().features()), Fit.epochs(20).batchSize(50).quiet());
        double trained = mse(ae.reconstruct(test), test);
        System.out.printf("undercomplete: held-out MSE %.4f, untrained %.4f, mean-digit baseline %.4f%n", trained,
                untrained, baseline);
        assertTrue(untrained > baseline, "an untrained autoencoder misses the bound");
        assertTrue(trained < 0.6 * baseline, "held-out MSE " + trained + " vs mean digit " + baseline);
        assertEquals(h.last("reconstruction_loss"), mse(ae.reconstruct(DIGITS.train().features()),
                DIGITS.train().features()), 1e-4, "the logged loss is the per-pixel MSE on training digits");
    }

    /** Noise of sigma 0.5 gives the input an MSE of 0.25 to the clean digit; the reconstruction must remove most of it. */
    @Test
    void aDenoisingAutoencoderRemovesMoreNoiseThanItIsGiven() {
        INDArray test = DIGITS.test().features();
        Autoencoder ae = Autoencoder.of(encoder(64), decoder(64)).denoising(0.5).seed(4);
        ae.fit(Dataset.unlabelled(DIGITS.train().features()), Fit.epochs(8).batchSize(50).quiet());
        INDArray noisy = ae.corrupt(test, 0.5);
        double given = mse(noisy, test);
        double left = mse(ae.reconstruct(noisy), test);
        System.out.printf("denoising: noisy input MSE %.4f, reconstruction MSE %.4f%n", given, left);
        assertEquals(0.25, given, 0.01, "sigma^2");
        assertTrue(left < 0.25 * given, "reconstruction " + left + " vs noisy input " + given);
        assertTrue(left < meanDigitBaseline(), "and closer than the mean digit");
    }

    /**
     * The L1 weight on the code lowers its mean activation (which History reports) to under half the plain code's, while
     * the code still reconstructs held-out digits better than the mean digit (a code killed to 0 would not).
     */
    @Test
    void anL1PenaltyOnTheCodeMakesItSparse() {
        Dataset train = Dataset.unlabelled(DIGITS.train().features());
        Autoencoder plain = Autoencoder.of(encoder(64), decoder(64));
        History p = plain.fit(train, Fit.epochs(4).batchSize(50).quiet());
        Autoencoder sparse = Autoencoder.of(encoder(64), decoder(64)).sparse(1e-4);
        History s = sparse.fit(train, Fit.epochs(4).batchSize(50).quiet());
        System.out.printf("mean code activation: plain %.4f, sparse %.4f; l1_code %.4f%n", p.last("mean_activation"),
                s.last("mean_activation"), s.last("l1_code"));
        assertTrue(s.last("mean_activation") < 0.5 * p.last("mean_activation"));
        assertEquals(0, p.last("l1_code"));
        double meanCode = sparse.encode(DIGITS.test().features()).meanNumber().doubleValue();
        assertTrue(meanCode < 0.5 * plain.encode(DIGITS.test().features()).meanNumber().doubleValue());
        INDArray test = DIGITS.test().features();
        assertTrue(mse(sparse.reconstruct(test), test) < meanDigitBaseline(), "a sparse code that still reconstructs");
    }

    /** KL(0.2 || q) summed over units, by hand, for codes whose unit means are 0.3 and 0.1. */
    @Test
    void klSparsityMatchesItsFormula() {
        INDArray h = Nd4j.createFromArray(new double[][] {{0.2, 0.05}, {0.4, 0.15}});
        double byHand = 0.2 * Math.log(0.2 / 0.3) + 0.8 * Math.log(0.8 / 0.7) + 0.2 * Math.log(0.2 / 0.1)
                + 0.8 * Math.log(0.8 / 0.9);
        assertEquals(byHand, Autoencoder.klSparsity(h, 0.2), 1e-12);
    }

    /** The per-example error of the KL term against central differences of n beta sum_j KL(rho || mean_n h_nj). */
    @Test
    void klSparsityErrorIsTheGradientOfTheSummedPenalty() {
        INDArray h = Nd4j.createFromArray(new double[][] {{0.2, 0.05, 0.7}, {0.4, 0.15, 0.6}, {0.1, 0.3, 0.9}});
        double rho = 0.1;
        double beta = 3;
        INDArray error = Autoencoder.klSparsityError(h, rho, beta);
        double eps = 1e-6;
        for (int n = 0; n < 3; n++) {
            for (int j = 0; j < 3; j++) {
                INDArray up = h.dup();
                up.putScalar(n, j, h.getDouble(n, j) + eps);
                INDArray down = h.dup();
                down.putScalar(n, j, h.getDouble(n, j) - eps);
                double numeric = 3 * beta * (Autoencoder.klSparsity(up, rho) - Autoencoder.klSparsity(down, rho)) / (2 * eps);
                assertEquals(numeric, error.getDouble(n, j), 1e-6, "h[" + n + "][" + j + "]");
            }
        }
    }

    /**
     * A sigmoid code of 64 units: without the penalty its mean activation stays far above rho = 0.05 (seen 0.97); with
     * beta = 3 it ends within 0.05 of rho (seen 0.046, held out 0.059). After these 4 epochs the sparse code does not
     * yet reconstruct held-out digits better than the mean digit does (its MSE is printed, not bounded).
     */
    @Test
    void aKlPenaltyPullsTheMeanActivationToRho() {
        Dataset train = Dataset.unlabelled(DIGITS.train().features());
        Model sigmoidCode = Model.sequential("encoder").seed(1).input(Shape.vector(784)).dense(64).sigmoid().build()
                .compile(Optimizer.adam(2e-3));
        Model plainCode = Model.sequential("encoder").seed(1).input(Shape.vector(784)).dense(64).sigmoid().build()
                .compile(Optimizer.adam(2e-3));
        History p = Autoencoder.of(plainCode, decoder(64)).fit(train, Fit.epochs(4).batchSize(50).quiet());
        Autoencoder sparse = Autoencoder.of(sigmoidCode, decoder(64)).sparseKl(0.05, 3);
        History s = sparse.fit(train, Fit.epochs(4).batchSize(50).quiet());
        double heldOut = sparse.encode(DIGITS.test().features()).meanNumber().doubleValue();
        INDArray test = DIGITS.test().features();
        System.out.printf("KL sparsity: mean activation plain %.4f, sparse %.4f (held out %.4f); kl_code %.4f; held-out "
                        + "MSE %.4f, mean digit %.4f%n", p.last("mean_activation"), s.last("mean_activation"), heldOut,
                s.last("kl_code"), mse(sparse.reconstruct(test), test), meanDigitBaseline());
        assertTrue(p.last("mean_activation") > 0.15, "plain " + p.last("mean_activation"));
        assertEquals(0.05, s.last("mean_activation"), 0.05);
        assertEquals(0.05, heldOut, 0.05);
        assertTrue(s.last("kl_code") > 0, "the penalty is logged");
    }

    /**
     * One SGD step: the L1 term moves the encoder's weights by -(lr / n) x^T (lambda sign(h) * h (1 - h)) beyond the plain
     * step (sigmoid code h), to 1e-12.
     */
    @Test
    void theL1TermChangesTheEncoderStepByItsHandDerivedAmount() {
        double lr = 0.1;
        double lambda = 0.3;
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3);
        INDArray[] after = new INDArray[2];
        for (int run = 0; run < 2; run++) {
            Model enc = Model.sequential("enc").dataType(DataType.DOUBLE).seed(4).input(Shape.vector(3)).dense(2)
                    .sigmoid().build().compile(Optimizer.sgd(lr));
            Model dec = Model.sequential("dec").dataType(DataType.DOUBLE).seed(5).input(Shape.vector(2)).dense(3).build()
                    .compile(Loss.mse(), Optimizer.sgd(lr));
            Autoencoder ae = Autoencoder.of(enc, dec);
            if (run == 1) ae.sparse(lambda);
            INDArray h = enc.predict(x);
            ae.train(Dataset.unlabelled(x));
            after[run] = enc.weights("dense_1");
            if (run == 1) {
                INDArray extra = x.transpose().mmul(h.mul(h.rsub(1.0)).mul(lambda)).mul(lr / 5);
                assertEquals(0, after[1].sub(after[0]).add(extra).norm2Number().doubleValue(), 1e-12);
            }
        }
    }

    private static Model sigmoidEncoder() {
        return Model.sequential("enc").dataType(DataType.DOUBLE).seed(6).input(Shape.vector(4)).dense(3).sigmoid()
                .build().compile(Optimizer.sgd(0.1));
    }

    /** ||J||_F^2 of a sigmoid layer: the closed form against the Jacobian taken by central differences of predict. */
    @Test
    void theJacobianNormsClosedFormMatchesFiniteDifferences() {
        Model enc = sigmoidEncoder();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4).subi(0.5);
        INDArray closed = Autoencoder.jacobianNorm(enc.predict(x), enc.weights("dense_1"));
        double eps = 1e-6;
        for (int n = 0; n < 2; n++) {
            double frobenius = 0;
            for (int i = 0; i < 4; i++) {
                INDArray up = x.getRow(n, true).dup();
                INDArray down = up.dup();
                up.putScalar(0, i, up.getDouble(0, i) + eps);
                down.putScalar(0, i, down.getDouble(0, i) - eps);
                INDArray column = enc.predict(up).sub(enc.predict(down)).div(2 * eps);   // dh/dx_i
                frobenius += column.mul(column).sumNumber().doubleValue();
            }
            assertEquals(frobenius, closed.getDouble(n, 0), 1e-8, "example " + n);
        }
    }

    /**
     * One SGD step: the contractive term moves W by -(lr / n) dP/dW beyond the plain step, where P(W) = lambda sum_n
     * ||J_n||_F^2 (the closed form checked above) is differentiated by central differences in each weight.
     */
    @Test
    void theContractiveTermChangesTheEncoderStepByTheNumericalGradient() {
        double lr = 0.1;
        double lambda = 0.7;
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 4);
        INDArray[] after = new INDArray[2];
        Model probe = sigmoidEncoder();
        INDArray w0 = probe.weights("dense_1");
        for (int run = 0; run < 2; run++) {
            Model enc = sigmoidEncoder();
            Model dec = Model.sequential("dec").dataType(DataType.DOUBLE).seed(5).input(Shape.vector(3)).dense(4).build()
                    .compile(Loss.mse(), Optimizer.sgd(lr));
            Autoencoder ae = Autoencoder.of(enc, dec);
            if (run == 1) ae.contractive(lambda);
            ae.train(Dataset.unlabelled(x));
            after[run] = enc.weights("dense_1");
        }
        INDArray numeric = Nd4j.zeros(DataType.DOUBLE, 4, 3);
        double eps = 1e-6;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                double[] p = new double[2];
                for (int side = 0; side < 2; side++) {
                    INDArray w = w0.dup();
                    w.putScalar(i, j, w0.getDouble(i, j) + (side == 0 ? eps : -eps));
                    probe.setWeights("dense_1", w);
                    p[side] = lambda * Autoencoder.jacobianNorm(probe.predict(x), w).sumNumber().doubleValue();
                }
                numeric.putScalar(i, j, (p[0] - p[1]) / (2 * eps));
            }
        }
        INDArray expected = numeric.mul(-lr / 5);
        assertEquals(0, after[1].sub(after[0]).sub(expected).norm2Number().doubleValue(), 1e-9);
        var e = assertThrows(IllegalArgumentException.class, () -> Autoencoder.of(encoder(32), decoder(32)).contractive(1));
        assertTrue(e.getMessage().startsWith("a contractive autoencoder needs an encoder of one sigmoid dense layer"));
    }

    @Test
    void aDecoderOfTheWrongShapeIsRefused() {
        Model small = Model.sequential("decoder").input(Shape.vector(32)).dense(100).build()
                .compile(Loss.mse(), Optimizer.adam(1e-3));
        var e = assertThrows(IllegalArgumentException.class, () -> Autoencoder.of(encoder(32), small));
        assertEquals("the decoder 'decoder' makes (100) but the encoder 'encoder' reads (784): the reconstruction must "
                + "have the input's shape", e.getMessage());
    }
}
