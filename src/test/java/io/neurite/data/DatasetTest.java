package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** In-memory datasets: one-hot labels, views, splits and shuffles that keep rows together. */
class DatasetTest {

    @Test
    void columnSliceLabelsAreCopiedAndShuffleKeepsPairs() {
        INDArray table = Nd4j.createFromArray(new float[][] {{1, 10, 100}, {2, 20, 200}, {3, 30, 300}, {4, 40, 400}});
        Dataset d = Dataset.of(table.getColumns(0, 1), table.getColumn(2, true));
        Dataset shuffled = d.shuffled(7);
        for (int i = 0; i < 4; i++) {
            float x = shuffled.features().getFloat(i, 0);
            assertEquals(x * 100, shuffled.labels().getFloat(i, 0), 1e-6);
        }
    }

    @Test
    void oneHotAndSplitSizes() {
        Dataset d = Dataset.classification(new double[][] {{0}, {1}, {2}, {3}, {4}}, new int[] {0, 2, 1, 2, 0}, 3);
        assertArrayEquals(new float[] {0, 0, 1}, d.labels().getRow(1).toFloatVector());
        assertArrayEquals(new int[] {0, 2, 1, 2, 0}, d.classIndices());
        Dataset.Split s = d.split(0.6, 1);
        assertEquals(3, s.first().size());
        assertEquals(2, s.second().size());
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification(new double[][] {{0}}, new int[] {3}, 3));
    }
}
