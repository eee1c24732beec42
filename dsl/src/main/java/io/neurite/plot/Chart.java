package io.neurite.plot;

import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A line chart (XChart): lines, or points for scatter plots; saved as PNG or shown inline in a notebook. */
public final class Chart implements Plot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final XYChart chart;

    private Chart(XYChart chart) { this.chart = chart; }

    public static Chart lines(String title, String xTitle, String yTitle) {
        return new Chart(new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build());
    }

    /** Adds a named line; fails when x and y differ in length. */
    public Chart series(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but " + y.length + " y values");
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(x.length > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        return this;
    }

    /** Adds a named set of unconnected points (a scatter plot); fails when x and y differ in length. */
    public Chart points(String name, double[] x, double[] y) {
        series(name, x, y);
        XYSeries s = chart.getSeriesMap().get(name);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return this;
    }

    /** Logarithmic y axis, for losses spanning orders of magnitude. */
    public Chart logY() {
        chart.getStyler().setYAxisLogarithmic(true);
        return this;
    }

    @Override
    public BufferedImage image() { return BitmapEncoder.getBufferedImage(chart); }
}
