package io.neurite.util;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.model.Model;
import io.neurite.train.Callback;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.train.TrainingContext;
import io.neurite.zoo.ResNet;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

@Tag("slow")
class NativeMemoryTest {
    private static final long BOUND_MB = 1024;

    /**
     * Training the reduced ResNet leaves about 60 MB of dead native arrays per batch of 128 (measured), so the 36 steps
     * after the first 4 (which allocate the model's working memory) would grow the process by about 2 GB without
     * collections; with fit's collections the peak stays within 1 GB of the size after step 4.
     */
    @Test
    void trainingKeepsTheResidentSizeBounded() {
        int steps = 40;
        int[] classes = IntStream.range(0, 128 * steps).map(i -> i % 10).toArray();
        Dataset data = Dataset.of(Nd4j.rand(DataType.FLOAT, 128L * steps, 1, 28, 28), Dataset.oneHot(classes, 10));
        Model resnet = ResNet.reduced(Shape.image(28, 28, 1), 10).compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
        long[] startAndPeak = new long[2];
        Callback sampler = new Callback() {
            @Override
            public void onBatchEnd(int epoch, int step, double loss, TrainingContext context) {
                if (step == 4) startAndPeak[0] = Pointer.physicalBytes();
                startAndPeak[1] = Math.max(startAndPeak[1], Pointer.physicalBytes());
            }
        };
        resnet.fit(data, Fit.epochs(1).batchSize(128).shuffle(false).callbacks(sampler).quiet());
        long growthMb = (startAndPeak[1] - startAndPeak[0]) >> 20;
        System.out.println("NativeMemoryTest: the resident size grew by " + growthMb + " MB (bound " + BOUND_MB + ")");
        assertTrue(growthMb < BOUND_MB,
                "resident size grew by " + growthMb + " MB over training steps 5 to " + steps);
    }
}
