package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NaN and infinite values stop where data enters: {@link FiniteCheck} on arrays, and through it {@link Csv} and the
 * loaders, naming the array or file, the row and column (or line and column), the value and the fix.
 */
class NonFiniteDataTest {
    @TempDir Path dir;

    @Test
    void anArrayWithNaNNamesItsLabelRowColumnCountAndFix() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, Double.NaN}, {Double.NaN, 8}});
        DataFormatException e = assertThrows(DataFormatException.class, () -> FiniteCheck.require(x, "features"));
        assertEquals("features", e.file());
        assertEquals("row 2, column 1", e.position());
        assertEquals("features: at row 2, column 1 expected a finite number but found NaN (the first of 2 non-finite"
                + " values), a missing value: fill it in (e.g. with its column's mean) or drop its row", e.getMessage());
    }

    @Test
    void infinityInFloatAndImageShapedArraysIsPlacedByExampleAndIndex() {
        INDArray images = Nd4j.zeros(DataType.FLOAT, 3, 1, 2, 2);
        images.putScalar(new long[] {1, 0, 1, 0}, Float.NEGATIVE_INFINITY);
        DataFormatException e = assertThrows(DataFormatException.class, () -> FiniteCheck.require(images, "images"));
        assertEquals("example 1, index [0, 1, 0]", e.position());
        assertEquals("images: at example 1, index [0, 1, 0] expected a finite number but found -Infinity, an overflow"
                + " or a division by zero where the data was made: correct or clip it, or drop its row", e.getMessage());
        INDArray vector = Nd4j.createFromArray(1.0, Double.POSITIVE_INFINITY);
        assertEquals("element 1", assertThrows(DataFormatException.class,
                () -> FiniteCheck.require(vector, "series")).position());
    }

    @Test
    void positionsAreThoseOfTheArrayAsSeenEvenForAView() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, Double.NaN}});
        // The transposed view is [3, 2]; its NaN sits at row 2, column 1.
        assertEquals("row 2, column 1", assertThrows(DataFormatException.class,
                () -> FiniteCheck.require(x.transpose(), "labels")).position());
    }

    @Test
    void finiteIntegerAndEmptyArraysPass() {
        FiniteCheck.require(Nd4j.createFromArray(new double[][] {{-Double.MAX_VALUE, Double.MIN_VALUE}}), "features");
        FiniteCheck.require(Nd4j.createFromArray(1, 2, 3), "class indices");
        FiniteCheck.require(Nd4j.empty(DataType.FLOAT), "nothing");
    }

    @Test
    void csvCellsThatAreNaNInfiniteOrOverflowNameFileLineAndColumn() throws IOException {
        Path file = write("students.csv", "lectures,hours,passed\n10,4,1\n2,NaN,0\n8,6,1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.classification(file, 1, 2, 2));
        assertEquals(file.toString(), e.file());
        assertEquals("line 3, column 2", e.position());
        assertEquals(file + ": at line 3, column 2 expected a finite number but found NaN, a missing value: fill it in"
                + " (e.g. with its column's mean) or drop its row", e.getMessage());

        Files.writeString(file, "lectures,hours,passed\n10,4,1\n2,1,0\n1e999,6,1\n");
        e = assertThrows(DataFormatException.class, () -> Csv.regression(file, 1, 1));
        assertEquals("line 4, column 1", e.position());
        assertTrue(e.getMessage().contains("found Infinity, an overflow"), e.getMessage());

        Files.writeString(file, "1,-Infinity,0\n");
        assertEquals("line 1, column 2", assertThrows(DataFormatException.class,
                () -> Csv.classification(file, 0, 2, 2)).position());
    }

    @Test
    void emptyOrNaMarkedCsvCellsAreNamedAsMissingValues() throws IOException {
        for (String mark : new String[] {"", "nan", "NA", "?"}) {
            Path file = write("m.csv", "1,2,0\n3," + mark + ",1\n");
            DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.classification(file, 0, 2, 2));
            assertEquals(file + ": at line 2, column 2 expected a number but found '" + mark + "', a missing value: fill"
                    + " it in (e.g. with its column's mean) or drop its row", e.getMessage());
        }
        Path text = write("t.csv", "1,2,0\n3,abc,1\n");
        assertEquals(text + ": at line 2, column 2 expected a number but found 'abc'",
                assertThrows(DataFormatException.class, () -> Csv.classification(text, 0, 2, 2)).getMessage());
    }

    @Test
    void loadersReportNonFiniteValuesAtTheirFilePosition() throws IOException {
        Path iris = write("iris.csv", "2,2,a,b\n1.0,2.0,0\n1.0,Infinity,1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> SklearnCsv.withHeader(DataFile.of(iris)));
        assertEquals("line 3, column 2", e.position());
        assertTrue(e.getMessage().contains("expected a finite number but found Infinity"), e.getMessage());

        StringBuilder months = new StringBuilder("<gretldata><observations>\n");
        for (int i = 0; i < 144; i++) months.append(i == 1 ? "<obs>NaN 1</obs>\n" : "<obs>112 4.7</obs>\n");
        Path gdt = write("bjg.gdt", months + "</observations></gretldata>");
        e = assertThrows(DataFormatException.class, () -> Airline.read(DataFile.of(gdt)));
        assertEquals("<obs> element 2", e.position());
        assertTrue(e.getMessage().contains("expected a finite number but found NaN"), e.getMessage());

        Path sunspots = write("sunspots.csv", "\"YEAR\",\"SUNACTIVITY\"\n1700,5\n1701,Infinity\n1702,16\n");
        e = assertThrows(DataFormatException.class, () -> Sunspots.read(DataFile.of(sunspots)));
        assertEquals("line 3, column 2", e.position());
        assertTrue(e.getMessage().contains("expected a finite number but found Infinity"), e.getMessage());

        assertArrayEquals(new double[] {5, 11, 16}, Sunspots.read(DataFile.of(write("ok.csv",
                "\"YEAR\",\"SUNACTIVITY\"\n1700,5\n1701,11\n1702,16\n"))).values(), 0.0);
    }

    private Path write(String name, String text) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }
}
