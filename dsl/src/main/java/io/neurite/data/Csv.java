package io.neurite.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Numeric CSV files (comma-separated, one example per line) read with DataVec's {@link CSVRecordReader}. Every row
 * must have as many values as the first; a bad cell (not a number, missing, NaN or infinite) fails with the file, line
 * and column.
 */
public final class Csv {
    /** Cell texts that spreadsheets, pandas, R and UCI files write for a missing value (compared in lower case). */
    private static final Set<String> MISSING_MARKS = Set.of("nan", "na", "n/a", "null", "none", "?");

    private Csv() { }

    /** A classification table: column {@code labelColumn} (from 0) holds class indices in [0, numClasses). */
    public static Dataset classification(Path file, int skipLines, int labelColumn, int numClasses) {
        DataFile data = DataFile.of(file);
        return classification(data, rows(data, data.bytes(), skipLines), skipLines, labelColumn, numClasses);
    }

    /** A regression table: column {@code targetColumn} (from 0) holds the value to predict. */
    public static Dataset regression(Path file, int skipLines, int targetColumn) {
        DataFile data = DataFile.of(file);
        List<double[]> rows = rows(data, data.bytes(), skipLines);
        double[][] x = new double[rows.size()][];
        double[][] y = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = without(rows.get(i), checkColumn(data, rows.get(i), targetColumn));
            y[i] = new double[] {rows.get(i)[targetColumn]};
        }
        return Dataset.of(x, y);
    }

    /** Parsed {@code rows} (from {@link #rows}) split into features and one-hot classes from {@code labelColumn}. */
    static Dataset classification(DataFile file, List<double[]> rows, int skipLines, int labelColumn, int numClasses) {
        double[][] x = new double[rows.size()][];
        int[] y = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double label = rows.get(i)[checkColumn(file, rows.get(i), labelColumn)];
            if (label != Math.rint(label) || label < 0 || label >= numClasses) {
                throw new DataFormatException(file.name(), "line " + (skipLines + i + 1) + ", column " + (labelColumn + 1),
                        "a class index in [0, " + numClasses + ")", Double.toString(label));
            }
            x[i] = without(rows.get(i), labelColumn);
            y[i] = (int) label;
        }
        return Dataset.classification(x, y, numClasses);
    }

    /** All rows after {@code skipLines} as finite numbers; fails on a non-number, NaN, infinity or a ragged row. */
    static List<double[]> rows(DataFile file, byte[] bytes, int skipLines) {
        List<double[]> rows = new ArrayList<>();
        try (CSVRecordReader reader = new CSVRecordReader(skipLines, ',')) {
            reader.initialize(new InputStreamInputSplit(new ByteArrayInputStream(bytes)));
            while (reader.hasNext()) {
                List<Writable> record = reader.next();
                int line = skipLines + rows.size() + 1;
                if (!rows.isEmpty() && record.size() != rows.get(0).length) {
                    throw new DataFormatException(file.name(), "line " + line, rows.get(0).length
                            + " comma-separated values, as on the first data line", record.size() + " values");
                }
                double[] row = new double[record.size()];
                for (int c = 0; c < row.length; c++) row[c] = number(file, line, c, record.get(c));
                rows.add(row);
            }
        } catch (IOException | InterruptedException e) {
            throw new UncheckedIOException(file.name(), e instanceof IOException io ? io : new IOException(e));
        }
        if (rows.isEmpty()) throw new DataFormatException(file.name(), "line " + (skipLines + 1), "data rows", "none");
        FiniteCheck.require(Nd4j.createFromArray(rows.toArray(double[][]::new)), file.name(),
                at -> "line " + (skipLines + at[0] + 1) + ", column " + (at[1] + 1));
        return rows;
    }

    private static int checkColumn(DataFile file, double[] row, int column) {
        if (column < 0 || column >= row.length) {
            throw new IllegalArgumentException(file.name() + " has " + row.length + " columns; column " + column
                    + " (counted from 0) does not exist");
        }
        return column;
    }

    private static double[] without(double[] row, int column) {
        double[] out = new double[row.length - 1];
        System.arraycopy(row, 0, out, 0, column);
        System.arraycopy(row, column + 1, out, column, row.length - column - 1);
        return out;
    }

    private static double number(DataFile file, int line, int column, Writable value) {
        String cell = value.toString().trim();
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            boolean missing = cell.isEmpty() || MISSING_MARKS.contains(cell.toLowerCase(Locale.ROOT));
            throw new DataFormatException(file.name(), "line " + line + ", column " + (column + 1), "a number",
                    "'" + value + "'" + (missing ? ", " + FiniteCheck.MISSING : ""), e);
        }
    }
}
