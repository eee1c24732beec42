package io.neurite.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Yearly mean sunspot numbers, 1700 to 2008 (309 values), from statsmodels' CSV ({@code "YEAR","SUNACTIVITY"}),
 * read with DataVec's CSV record reader. Years must be consecutive.
 */
public final class Sunspots {
    public static final DatasetInfo INFO = new DatasetInfo("sunspots", "yearly mean sunspot numbers, 1700-2008",
            "WDC-SILSO, Royal Observatory of Belgium, via statsmodels 0.13.5 (Debian package python3-statsmodels)",
            "public domain (statsmodels: BSD-3-Clause)",
            "chronological; conventionally the last 10-20% of years are the test part (TimeSeries.splitLast)",
            List.of());

    private Sunspots() { }

    /** All 309 yearly values. */
    public static TimeSeries load() {
        return read(DataFile.mini(INFO.name(), "sunspots.csv"));
    }

    static TimeSeries read(DataFile file) {
        List<Double> values = new ArrayList<>();
        int firstYear = 0;
        try (CSVRecordReader reader = new CSVRecordReader(1, ',')) {
            reader.initialize(new InputStreamInputSplit(new ByteArrayInputStream(file.bytes())));
            while (reader.hasNext()) {
                List<Writable> row = reader.next();
                int line = values.size() + 2;
                if (row.size() != 2) {
                    throw new DataFormatException(file.name(), "line " + line, "2 values (year, sunspot number)",
                            row.size() + " values");
                }
                double year = parse(file, line, row.get(0));
                if (values.isEmpty()) firstYear = (int) year;
                else if (year != firstYear + values.size()) {
                    throw new DataFormatException(file.name(), "line " + line, "year " + (firstYear + values.size()),
                            row.get(0).toString());
                }
                values.add(parse(file, line, row.get(1)));
            }
        } catch (IOException | InterruptedException e) {
            throw new UncheckedIOException(file.name(), e instanceof IOException io ? io : new IOException(e));
        }
        if (values.isEmpty()) throw new DataFormatException(file.name(), "line 2", "yearly values", "none");
        double[] series = TimeSeries.toArray(values);
        FiniteCheck.require(Nd4j.createFromArray(series), file.name(), at -> "line " + (at[0] + 2) + ", column 2");
        return new TimeSeries("sunspots", Integer.toString(firstYear), series);
    }

    private static double parse(DataFile file, int line, Writable w) {
        try {
            return Double.parseDouble(w.toString().trim().replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new DataFormatException(file.name(), "line " + line, "a number", "'" + w + "'", e);
        }
    }
}
