package io.neurite.convolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class GridsTest {

    @Test
    void alignsColumnsAndTrimsDecimals() {
        assertEquals("     1     -8\n  0.25 0.3333\n", Grids.toText(new double[][] {{1, -8}, {0.25, 1 / 3.0}}));
    }

    @Test
    void formatsNumbers() {
        assertEquals("3", Grids.format(3.0));
        assertEquals("-0.5", Grids.format(-0.5));
        assertEquals("0", Grids.format(-0.0));
        assertEquals("0", Grids.format(-1e-9));
        assertEquals("0.6667", Grids.format(2 / 3.0));
        assertEquals("NaN", Grids.format(Double.NaN));
    }

    @Test
    void printsNd4jMatricesAndVectors() {
        assertEquals("1 2\n3 4\n", Grids.toText(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}})));
        assertEquals("1 2 3\n", Grids.toText(Nd4j.createFromArray(1.0, 2.0, 3.0)));
        assertThrows(IllegalArgumentException.class, () -> Grids.toText(Nd4j.zeros(2, 2, 2)));
    }
}
