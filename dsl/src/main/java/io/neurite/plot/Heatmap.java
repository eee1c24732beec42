package io.neurite.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** A grid of numbers drawn as coloured cells: a confusion matrix, attention weights, a positional encoding. */
public final class Heatmap implements Plot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final HeatMapChart chart;

    private Heatmap(HeatMapChart chart) { this.chart = chart; }

    /**
     * counts[actual][predicted] with actual classes as rows (first class at the top) and predicted classes as columns;
     * the diagonal holds the correct predictions.
     */
    public static Heatmap confusionMatrix(String title, int[][] counts, List<String> classNames) {
        int n = counts.length;
        List<String> names = classNames.isEmpty() ? numbers(n) : classNames;
        if (names.size() != n) {
            throw new IllegalArgumentException(names.size() + " class names for a " + n + "x" + n + " confusion matrix");
        }
        double[][] values = new double[n][];
        for (int actual = 0; actual < n; actual++) {
            if (counts[actual].length != n) {
                throw new IllegalArgumentException("confusion matrix row " + actual + " has " + counts[actual].length
                        + " columns, expected " + n);
            }
            values[actual] = java.util.Arrays.stream(counts[actual]).asDoubleStream().toArray();
        }
        return grid(title, "predicted", "actual", values, names, names, true);
    }

    /**
     * values[row][column] as coloured cells, white (smallest) to blue (largest), rows named top down by
     * {@code rowNames} and columns left to right by {@code columnNames} (empty lists: numbers from 0); with
     * {@code showValues} each cell's value is written in it (two decimals at most). Attention weights, say: rows the queries (target words),
     * columns the keys (source words).
     */
    public static Heatmap grid(String title, String xTitle, String yTitle, double[][] values, List<String> columnNames,
            List<String> rowNames, boolean showValues) {
        int rows = values.length;
        int columns = rows == 0 ? 0 : values[0].length;
        List<String> xs = columnNames.isEmpty() ? numbers(columns) : columnNames;
        List<String> ys = rowNames.isEmpty() ? numbers(rows) : rowNames;
        if (rows == 0 || columns == 0 || xs.size() != columns || ys.size() != rows) {
            throw new IllegalArgumentException("a heatmap needs at least one cell and a name per row and column: got "
                    + rows + " rows, " + columns + " columns, " + ys.size() + " row names, " + xs.size() + " column names");
        }
        List<String> rowsTopDown = new ArrayList<>(ys);
        java.util.Collections.reverse(rowsTopDown);
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            if (values[r].length != columns) {
                throw new IllegalArgumentException("heatmap row " + r + " has " + values[r].length + " columns, expected "
                        + columns);
            }
            for (int c = 0; c < columns; c++) cells.add(new Number[] {c, rows - 1 - r, values[r][c]});
        }
        int cell = showValues ? 60 : 12;
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(500, cell * columns + 200))
                .height(Math.max(450, cell * rows + 150)).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setShowValue(showValues).setHeatMapValueDecimalPattern("#.##")
                .setRangeColors(new Color[] {Color.WHITE, new Color(0x3366CC)}).setLegendVisible(!showValues);
        chart.addSeries("values", xs, rowsTopDown, cells);
        return new Heatmap(chart);
    }

    @Override
    public BufferedImage image() { return BitmapEncoder.getBufferedImage(chart); }

    private static List<String> numbers(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) names.add(Integer.toString(i));
        return names;
    }
}
