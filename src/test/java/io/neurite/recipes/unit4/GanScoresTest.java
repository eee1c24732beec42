package io.neurite.recipes.unit4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Dataset;
import io.neurite.data.Mnist;
import io.neurite.data.TrainTest;
import io.neurite.generative.Gan;
import io.neurite.generative.SampleQuality;
import io.neurite.model.Model;
import io.neurite.train.Fit;
import io.neurite.train.History;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The GAN lesson measured: LeNet-5 trained on the MNIST mini scores 500 samples of each model against the 500 test
 * digits. Seen, Fréchet distance / classifier score: real training digits 8.49 / 8.39, MLP GAN 66.0 / 3.02, DCGAN
 * 68.8 / 2.78, uniform noise 211.4 / 1.18; the conditional GAN's samples read as the digit asked 47.2% (chance 10%).
 * 131 to 460 s on a loaded 2-core machine. The lesson expects the DCGAN to beat the MLP GAN; at this budget (10 epochs
 * of the 2,000 digits) it does not reliably: the MLP GAN scored 77.8 in a run whose noise draws differed only by an
 * extra sample taken before training, and the DCGAN's own score oscillates (at a constant learning rate it reached
 * 78 after 4 epochs and 141 after 12). So the test asserts the order that holds: real digits, then both GANs (each
 * under half of noise's distance), then noise.
 */
class GanScoresTest {
    @Test
    @Tag("slow")
    void bothGansBeatNoiseByFarAndTheConditionalGanDrawsTheDigitAsked() {
        TrainTest digits = Mnist.mini();
        TrainTest images = digits.asImages(28, 28, 1);
        Model lenet = GanScores.judge(images, Fit.epochs(GanScores.LENET_EPOCHS).batchSize(64).quiet());
        SampleQuality q = SampleQuality.of(lenet, GanScores.FEATURES, images.test().features());

        Gan mlp = GanScores.mlpGan();
        INDArray realMean = digits.train().features().mean(0);
        INDArray untrained = mlp.sample(GanScores.SAMPLES);
        assertTrue(correlation(untrained.mean(0), realMean) < 0.8 && dark(untrained) < dark(digits.train().features()) - 0.1,
                "the MLP GAN's bounds reject its untrained generator");
        History hm = mlp.fit(Dataset.unlabelled(digits.train().features()),
                Fit.epochs(GanScores.MLP_EPOCHS).batchSize(64).quiet());
        Gan dc = GanScores.dcgan(GanScores.DCGAN_EPOCHS);
        History hd = dc.fit(Dataset.unlabelled(images.train().features()),
                Fit.epochs(GanScores.DCGAN_EPOCHS).batchSize(64).quiet());
        Gan cond = GanScores.conditionalGan();
        History hc = cond.fit(digits.train(), Fit.epochs(GanScores.CONDITIONAL_EPOCHS).batchSize(64).quiet());

        var real = q.score(GanScores.first(images.train().features(), GanScores.SAMPLES));
        var mlpScore = q.score(GanScores.images(mlp, GanScores.SAMPLES));
        var dcScore = q.score(dc.sample(GanScores.SAMPLES));
        var noise = q.score(GanScores.noise(GanScores.SAMPLES));
        GanScores.Asked asked = GanScores.asked(cond, q, 50);
        System.out.printf("Fréchet / classifier score: real %.2f / %.3f, MLP GAN %.2f / %.3f, DCGAN %.2f / %.3f, "
                        + "noise %.2f / %.3f; conditional GAN reads as asked %.3f%n", real.frechetDistance(),
                real.classifierScore(), mlpScore.frechetDistance(), mlpScore.classifierScore(),
                dcScore.frechetDistance(), dcScore.classifierScore(), noise.frechetDistance(), noise.classifierScore(),
                asked.accuracy());
        for (History h : new History[] {hm, hd, hc}) assertTrue(h.stopReason().isEmpty(), h.stopReason().toString());
        INDArray mlpSamples = mlp.sample(GanScores.SAMPLES);
        double r = correlation(mlpSamples.mean(0), realMean);
        System.out.printf("MLP GAN: mean-image correlation %.3f, dark pixels %.3f (real %.3f)%n", r, dark(mlpSamples),
                dark(digits.train().features()));
        assertTrue(r > 0.8, "MLP GAN mean-image correlation " + r);
        assertEquals(dark(digits.train().features()), dark(mlpSamples), 0.1, "MLP GAN dark-pixel fraction");
        double closerGan = Math.min(dcScore.frechetDistance(), mlpScore.frechetDistance());
        assertTrue(real.frechetDistance() < 0.25 * closerGan, "real digits are by far the closest");
        assertTrue(dcScore.frechetDistance() < 0.5 * noise.frechetDistance(), "the DCGAN beats noise by far");
        assertTrue(mlpScore.frechetDistance() < 0.5 * noise.frechetDistance(), "the MLP GAN beats noise by far");
        assertTrue(dcScore.classifierScore() > noise.classifierScore(), "DCGAN's classifier score beats noise's");
        assertTrue(asked.accuracy() > 0.3, "the conditional GAN's digits are read as asked (3x chance): "
                + asked.accuracy());
    }

    /** Pearson correlation of two images' pixels. */
    private static double correlation(INDArray a, INDArray b) {
        INDArray x = a.castTo(DataType.DOUBLE).sub(a.meanNumber());
        INDArray y = b.castTo(DataType.DOUBLE).sub(b.meanNumber());
        return x.mul(y).sumNumber().doubleValue()
                / Math.sqrt(x.mul(x).sumNumber().doubleValue() * y.mul(y).sumNumber().doubleValue());
    }

    /** Fraction of pixels below 0.1: the dark background that makes most of a digit (about 0.83 on MNIST). */
    private static double dark(INDArray images) {
        return images.lt(0.1).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }
}
