package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An output that is an image (a convolutional decoder's reconstruction) trains with its loss averaged over every
 * pixel and channel, as Keras' and PyTorch's MSE on an image is.
 */
class ImageOutputTest {

    private static Model autoencoder() {
        return Model.sequential("conv-ae").input(Shape.image(6, 6, 2))
                .conv(4, 3).same().relu()
                .conv(2, 3).same().sigmoid()
                .build();
    }

    @Test
    void lossIsTheMeanSquaredErrorOverEveryPixelAndChannel() {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 2, 6, 6);
        Dataset data = Dataset.of(x, x);
        Model ae = autoencoder().compile(Loss.mse(), Optimizer.sgd(0.5));
        INDArray p = ae.predict(x);
        double byHand = p.castTo(DataType.DOUBLE).sub(x.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
        byHand = byHand * byHand / x.length();
        assertEquals(byHand, ae.loss(data), 1e-6, "Model.loss");
        ae.network().setInputs(x);
        ae.network().setLabels(x);
        ae.network().computeGradientAndScore();
        assertEquals(byHand, ae.network().score(), 1e-6, "the score DL4J trains on");
    }

    @Test
    void trainingLowersTheReconstructionErrorAndTheModelSavesAndLoads(@TempDir Path dir) throws Exception {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 2, 6, 6);
        Dataset data = Dataset.of(x, x);
        Model ae = autoencoder().compile(Loss.mse(), Optimizer.adam(0.01));
        double before = ae.loss(data);
        History h = ae.fit(data, Fit.epochs(30).batchSize(16).quiet());
        double after = ae.loss(data);
        assertTrue(after < 0.5 * before, "reconstruction MSE " + before + " -> " + after);
        assertEquals(after, h.last("loss"), 0.25 * after, "History's loss is on the same scale");
        Path file = dir.resolve("ae.zip");
        ae.save(file);
        Model loaded = Model.load(file);
        assertTrue(loaded.predict(x).equalsWithEps(ae.predict(x), 1e-6), "loaded model predicts the same");
    }
}
