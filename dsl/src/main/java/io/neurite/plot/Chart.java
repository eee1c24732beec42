package io.neurite.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A line chart (XChart) saved as PNG or shown inline in a notebook as an image. */
public final class Chart {
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

    /** Logarithmic y axis, for losses spanning orders of magnitude. */
    public Chart logY() {
        chart.getStyler().setYAxisLogarithmic(true);
        return this;
    }

    /** The chart as an image (a notebook cell whose value is this image shows it inline). */
    public BufferedImage image() { return BitmapEncoder.getBufferedImage(chart); }

    /** Writes a PNG, creating folders; the file appears whole or not at all. Returns the path. */
    public Path save(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".chart", ".png");
            javax.imageio.ImageIO.write(image(), "png", tmp.toFile());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
    }

    /** Saves to a path given as text. */
    public Path save(String file) { return save(Path.of(file)); }
}
