package io.neurite.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.FashionMnist;
import io.neurite.model.Model;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/** EfficientNet's compound scaling by hand, B0's block layout, and the reduced variant learning Fashion-MNIST. */
class EfficientNetTest {

    @Test
    void compoundScalingRoundsChannelsToEightsAndBlocksUp() {
        EfficientNet.Scale b2 = EfficientNet.SCALES.get(2);      // width 1.1, depth 1.2
        assertEquals(32, b2.channels(32));                       // 35.2 -> 32 (not below 90% of 35.2)
        assertEquals(48, b2.channels(40));                       // 44 -> 48 (ties round up)
        assertEquals(352, b2.channels(320));                     // 352 exactly
        assertEquals(3, b2.blocks(2));                           // ceil(2.4)
        EfficientNet.Scale b7 = EfficientNet.SCALES.get(7);      // width 2.0, depth 3.1
        assertEquals(640, b7.channels(320));
        assertEquals(13, b7.blocks(4));                          // ceil(12.4)
        assertEquals(600, b7.resolution());
        double[] phi1 = EfficientNet.compound(1);
        assertArrayEquals(new double[] {1.2, 1.1, 1.15}, phi1, 1e-12);
        // the paper's constraint alpha beta^2 gamma^2 ~ 2: one step of phi about doubles the FLOPs
        assertEquals(1.92, phi1[0] * phi1[1] * phi1[1] * phi1[2] * phi1[2], 0.01);
    }

    /** B0's 16 MBConv blocks take 224 to 7 (five stride-2 steps) and end with 320 channels, then 1280 features. */
    @Test
    void b0HasSixteenBlocksAndEndsAtSevenBySeven() {
        var s = EfficientNet.efficientNetB0(Shape.image(224, 224, 3), 1000).summaryTable();
        assertEquals(16, s.rows().stream().filter(r -> r.type().startsWith("SqueezeExcite")).count());
        assertTrue(s.rows().stream().anyMatch(r -> r.outputShape().equals(Shape.image(7, 7, 320))));
        assertEquals(Shape.vector(1280), s.row(Zoo.FEATURES).outputShape());
    }

    /** Squeeze-and-excitation, depthwise convolution and drop-path survive save and load: the same predictions. */
    @Test
    void reducedVariantSavesAndLoadsWithItsPredictions(@TempDir Path dir) {
        Model m = EfficientNet.reduced(Shape.image(28, 28, 1), 10).compile(Loss.crossEntropy(), Optimizer.adam(3e-3));
        var images = FashionMnist.mini().asImages(28, 28, 1).test().take(4);
        m.fit(images, Fit.epochs(1).batchSize(4).quiet());
        m.save(dir.resolve("effnet.zip"));
        Model loaded = Model.load(dir.resolve("effnet.zip"));
        assertEquals(m.predict(images.features()), loaded.predict(images.features()));
        assertEquals(m.summaryTable().trainableParams(), loaded.summaryTable().trainableParams());
    }

    /**
     * Two epochs on the 2,000 Fashion-MNIST training images of the mini take the reduced EfficientNet (41,906
     * parameters) well past chance (10%) on the 500 test images: measured 77.2%. About 3 minutes here (about 23
     * samples/s on a shared 2-core machine; SiLU, depthwise and squeeze-and-excitation layers each cost more than a
     * ReLU convolution).
     */
    @Test
    @Tag("slow")
    void reducedVariantLearnsFashionMnist() {
        var data = FashionMnist.mini().asImages(28, 28, 1);
        Model m = EfficientNet.reduced(Shape.image(28, 28, 1), 10).compile(Loss.crossEntropy(), Optimizer.adam(3e-3));
        long start = System.nanoTime();
        m.fit(data.train(), Fit.epochs(2).batchSize(32).quiet());
        double accuracy = m.evaluate(data.test()).accuracy();
        System.out.printf("efficientnet reduced: %d params, test accuracy %.3f, %.1f s%n", m.paramCount(), accuracy,
                (System.nanoTime() - start) / 1e9);
        assertTrue(accuracy >= 0.5, "test accuracy after 2 epochs: " + accuracy);
    }
}
