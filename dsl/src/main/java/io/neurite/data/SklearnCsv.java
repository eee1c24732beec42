package io.neurite.data;

import java.util.Arrays;
import java.util.List;

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
        List<double[]> table = Csv.rows(file, bytes, skip);
        if (table.get(0).length != columns + 1) {
            throw new DataFormatException(file.name(), "line " + (skip + 1), (columns + 1)
                    + " comma-separated values (" + columns + " features and a class)", table.get(0).length + " values");
        }
        if (table.size() != rows) {
            throw new DataFormatException(file.name(), "line " + (skip + table.size()), rows + " data rows",
                    table.size() + " rows" + (table.size() < rows ? " (the file is truncated)" : ""));
        }
        return Csv.classification(file, table, skip, columns, names.size()).withClassNames(names);
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
