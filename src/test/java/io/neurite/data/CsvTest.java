package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own CSV file becomes a Dataset; bad cells are reported with line and column. */
class CsvTest {

    @Test
    void readsClassificationAndRegressionTables(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("students.csv");
        Files.writeString(file, "lectures,hours,passed\n10,4,1\n2,1,0\n8,6,1\n");
        Dataset classes = Csv.classification(file, 1, 2, 2);
        assertEquals(3, classes.size());
        assertArrayEquals(new double[] {2, 1}, classes.features().getRow(1).toDoubleVector());
        assertArrayEquals(new int[] {1, 0, 1}, classes.classIndices());
        Dataset hours = Csv.regression(file, 1, 1);
        assertArrayEquals(new double[] {4, 1, 6}, hours.labels().reshape(3).toDoubleVector());
        assertArrayEquals(new double[] {8, 1}, hours.features().getRow(2).toDoubleVector());
    }

    @Test
    void badCellsNameLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "1,2,0\n3,x,1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.classification(file, 0, 2, 2));
        assertTrue(e.getMessage().contains("line 2, column 2") && e.getMessage().contains("'x'"), e.getMessage());
        Files.writeString(file, "1,2,0\n3,4\n");
        e = assertThrows(DataFormatException.class, () -> Csv.classification(file, 0, 2, 2));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Files.writeString(file, "1,2,5\n");
        e = assertThrows(DataFormatException.class, () -> Csv.classification(file, 0, 2, 2));
        assertTrue(e.getMessage().contains("class index in [0, 2)"), e.getMessage());
    }
}
