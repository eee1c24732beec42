package io.neurite.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** A grid of numbers drawn as coloured cells with their values written in: a confusion matrix, say. */
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
        List<String> rowsTopDown = new ArrayList<>(names);
        java.util.Collections.reverse(rowsTopDown);
        List<Number[]> cells = new ArrayList<>();
        for (int actual = 0; actual < n; actual++) {
            if (counts[actual].length != n) {
                throw new IllegalArgumentException("confusion matrix row " + actual + " has " + counts[actual].length
                        + " columns, expected " + n);
            }
            for (int predicted = 0; predicted < n; predicted++) {
                cells.add(new Number[] {predicted, n - 1 - actual, counts[actual][predicted]});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(500, 60 * n + 200)).height(Math.max(450, 60 * n + 150))
                .title(title).xAxisTitle("predicted").yAxisTitle("actual").build();
        chart.getStyler().setShowValue(true).setRangeColors(new Color[] {Color.WHITE, new Color(0x3366CC)})
                .setLegendVisible(false);
        chart.addSeries("counts", names, rowsTopDown, cells);
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
