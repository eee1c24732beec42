package io.neurite.recipes.unit4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Mnist;
import io.neurite.data.TrainTest;
import io.neurite.generative.Vae;
import io.neurite.train.Fit;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The autoencoder lesson on 1,000 training and 500 held-out digits of the MNIST mini, capped epochs. */
class AutoencodersTest {
    private static final TrainTest DIGITS = Mnist.mini().take(1000, 500);

    /**
     * Both undercomplete autoencoders (code 32, 10 epochs) reconstruct held-out digits better than the mean digit, the
     * convolutional one better than the dense one; the denoising ones return less than 60% of the noise's error at
     * sigma 0.3 and 0.6; a softmax from 10 labels per digit learns far above chance on pixels and on codes. Seen:
     * per-pixel MSE dense 0.0402, convolutional 0.0296, mean digit 0.0652; noisy 0.0901 -> 0.0440 (sigma 0.3), 0.360 ->
     * 0.0482 (0.6); softmax on pixels 65.4%, on the dense codes 57.6% (the codes do not beat pixels here). About 85 s
     * on a loaded 2-core machine.
     */
    @Test
    @Tag("slow")
    void autoencodersReconstructDenoiseAndGiveFeatures() {
        Fit fit = Fit.epochs(10).batchSize(50).quiet();
        Autoencoders.Undercomplete u = Autoencoders.undercomplete(DIGITS, fit);
        List<Autoencoders.Denoised> table = Autoencoders.denoising(DIGITS, new double[] {0.3, 0.6}, Fit.epochs(6)
                .batchSize(50).quiet());
        Autoencoders.Features f = Autoencoders.codesAsFeatures(DIGITS, u.dense(), 10, Fit.epochs(100).fullBatch().quiet());
        System.out.printf("undercomplete: dense %.4f, conv %.4f, mean digit %.4f; denoising %s; features: pixels %.3f, "
                + "codes %.3f%n", u.denseMse(), u.convMse(), u.baseline(), table, f.pixels(), f.codes());
        assertTrue(u.denseMse() < 0.7 * u.baseline(), "dense " + u.denseMse());
        assertTrue(u.convMse() < 0.55 * u.baseline(), "convolutional " + u.convMse());
        assertTrue(u.convMse() < u.denseMse(), "the convolutional autoencoder beats the dense one");
        for (Autoencoders.Denoised d : table) {
            assertEquals(d.sigma() * d.sigma(), d.noisyMse(), 0.01, "the noisy input's error is sigma^2");
            assertTrue(d.reconstructedMse() < 0.6 * d.noisyMse(), d.toString());
        }
        assertEquals(100, f.labelled());
        assertTrue(f.pixels() > 0.5 && f.codes() > 0.5, "both far above chance (10%): " + f);
    }

    /** A 2-D VAE: codes of two values per digit, interpolations of the asked length, prior samples of digit size. */
    @Test
    @Tag("slow")
    void vaeWithATwoDimensionalCode() {
        Vae vae = Autoencoders.vae2d();
        vae.fit(io.neurite.data.Dataset.unlabelled(DIGITS.train().features()), Fit.epochs(3).batchSize(50).quiet());
        INDArray a = DIGITS.test().features().get(NDArrayIndex.interval(0, 1));
        INDArray b = DIGITS.test().features().get(NDArrayIndex.interval(1, 2));
        INDArray path = Autoencoders.interpolate(vae, a, b, 5);
        assertEquals(5, path.size(0));
        INDArray ends = vae.decoder().predict(Autoencoders.codes(vae, org.nd4j.linalg.factory.Nd4j.vstack(a, b)));
        assertEquals(0, Autoencoders.mse(path.getRow(0), ends.getRow(0)), 1e-10, "t = 0 decodes mu(a)");
        assertEquals(0, Autoencoders.mse(path.getRow(4), ends.getRow(1)), 1e-10, "t = 1 decodes mu(b)");
        assertEquals(2, Autoencoders.codes(vae, DIGITS.test().features()).size(1));
        assertEquals(784, vae.sample(4).size(1));
        Autoencoders.latentSpace(vae, DIGITS.test());
    }
}
