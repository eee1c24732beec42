package io.neurite.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;

/**
 * The CSV layout of scikit-learn's bundled datasets, read with DataVec's {@link CSVRecordReader}: numeric feature
 * columns followed by an integer class column. Iris, wine and breast cancer start with a header line
 * {@code n,d,class names...}; digits has no header (64 pixel columns).
 */
final class SklearnCsv {
    private SklearnCsv() { }

    /** A file whose first line is {@code n,d,name0,name1,...}; the row count and width are checked against it. */
    static Dataset withHeader(DataFile file) {
        byte[] bytes = file.bytes();
        String first = new String(bytes, 0, Math.max(0, indexOfNewline(bytes)), java.nio.charset.StandardCharsets.UTF_8);
        String[] header = first.split(",");
        int rows;
        int columns;
        try {
            rows = Integer.parseInt(header[0].trim());
            columns = Integer.parseInt(header[1].trim());
        } catch (RuntimeException e) {
            throw new DataFormatException(file.name(), "line 1", "a header 'rows,features,class names...'",
                    "'" + first + "'", e);
        }
        List<String> names = Arrays.asList(header).subList(2, header.length);
        return read(file, bytes, 1, rows, columns, names);
    }

    /** A headerless file of {@code columns} features and a class column in [0, classNames.size()). */
    static Dataset headerless(DataFile file, int rows, int columns, List<String> classNames) {
        return read(file, file.bytes(), 0, rows, columns, classNames);
    }

    private static Dataset read(DataFile file, byte[] bytes, int skip, int rows, int columns, List<String> names) {
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        try (CSVRecordReader reader = new CSVRecordReader(skip, ',')) {
            reader.initialize(new InputStreamInputSplit(new ByteArrayInputStream(bytes)));
            while (reader.hasNext()) {
                List<Writable> record = reader.next();
                int line = skip + x.size() + 1;
                if (record.size() != columns + 1) {
                    throw new DataFormatException(file.name(), "line " + line, (columns + 1)
                            + " comma-separated values (" + columns + " features and a class)", record.size() + " values");
                }
                double[] row = new double[columns];
                for (int c = 0; c < columns; c++) row[c] = number(file, line, c, record.get(c));
                double label = number(file, line, columns, record.get(columns));
                if (label != Math.rint(label) || label < 0 || label >= names.size()) {
                    throw new DataFormatException(file.name(), "line " + line + ", column " + (columns + 1),
                            "a class index in [0, " + names.size() + ")", record.get(columns).toString());
                }
                x.add(row);
                y.add((int) label);
            }
        } catch (IOException | InterruptedException e) {
            throw new UncheckedIOException(file.name(), e instanceof IOException io ? io : new IOException(e));
        }
        if (x.size() != rows) {
            throw new DataFormatException(file.name(), "line " + (skip + x.size()), rows + " data rows",
                    x.size() + " rows" + (x.size() < rows ? " (the file is truncated)" : ""));
        }
        return Dataset.classification(x.toArray(double[][]::new), y.stream().mapToInt(Integer::intValue).toArray(),
                names.size()).withClassNames(names);
    }

    private static double number(DataFile file, int line, int column, Writable value) {
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new DataFormatException(file.name(), "line " + line + ", column " + (column + 1), "a number",
                    "'" + value + "'", e);
        }
    }

    private static int indexOfNewline(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == '\n' || bytes[i] == '\r') return i;
        return bytes.length;
    }

    /** The conventional seeded 80/20 split used for datasets without a canonical one. */
    static TrainTest split(Dataset all, long seed) {
        Dataset.Split s = all.split(0.8, seed);
        return new TrainTest(s.first(), s.second());
    }
}
