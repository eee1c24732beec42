package io.neurite.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.model.Model;
import io.neurite.model.Summary;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Freezing a graph model (residual adds, batch norm) up to {@link Zoo#FEATURES} leaves only the new head to train. */
@Tag("slow")
class ZooTransferTest {

    @Test
    void reducedResNetFrozenUpToFeaturesTrainsOnlyItsNewHead() {
        Model source = ResNet.reduced(Shape.image(28, 28, 1), 10).compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
        Model target = source.transfer().freezeUpTo(Zoo.FEATURES).replaceHead(3).fineTune(Optimizer.adam(1e-2)).build();

        Summary s = target.summaryTable();
        assertEquals(64 * 3 + 3, s.trainableParams());                 // the head reads 64 pooled channels
        assertEquals(source.summaryTable().totalParams() - (64 * 10 + 10) + (64 * 3 + 3), s.totalParams());
        assertEquals(s.totalParams(), target.network().numParams());

        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28);
        INDArray y = Dataset.oneHot(new int[] {0, 1, 2, 0, 1, 2, 0, 1}, 3);
        // DL4J lays parameters out in topological order: the head's 195 come last.
        INDArray body = target.network().params().get(NDArrayIndex.interval(0, s.totalParams() - 195)).dup();
        INDArray head = target.network().getLayer("dense_1").params().dup();
        target.fit(Dataset.of(x, y), Fit.epochs(2).batchSize(4).quiet());
        assertArrayEquals(new long[] {8, 3}, target.predict(x).shape());
        assertNotEquals(head, target.network().getLayer("dense_1").params(), "head did not learn");
        assertEquals(body, target.network().params().get(
                NDArrayIndex.interval(0, s.totalParams() - 195)), "frozen body changed");
    }
}
