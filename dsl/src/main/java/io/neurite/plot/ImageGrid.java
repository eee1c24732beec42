package io.neurite.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small grey images side by side under a title, each with a caption: a convolution's filters, a layer's feature maps,
 * a few input images. Every tile is normalized on its own, grey = 255 (x - min) / (max - min), so its smallest value is
 * black and its largest white (a constant tile is mid grey); tiles are enlarged by a whole factor (nearest neighbour)
 * to at least {@value #MIN_TILE} pixels on their longer side.
 *
 * <pre>{@code
 * ImageGrid.filters("conv2d_1 filters", model.weights("conv2d_1")).save("filters.png");
 * ImageGrid.channels("conv2d_1 maps", model.activation("conv2d_1", digit)).save("maps.png");
 * }</pre>
 */
public final class ImageGrid implements Plot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Smallest drawn size of a tile's longer side, in pixels. */
    public static final int MIN_TILE = 84;
    /** Space between and around tiles. */
    public static final int GAP = 6;
    /** Height of the caption above each tile. */
    public static final int CAPTION = 14;
    /** Height of the title band at the top. */
    public static final int HEADING = 24;

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private final String title;
    private final List<String> captions;
    private final List<double[][]> tiles;
    private final int columns;

    private ImageGrid(String title, List<String> captions, List<double[][]> tiles, int columns) {
        this.title = title;
        this.captions = captions;
        this.tiles = tiles;
        this.columns = columns;
    }

    /**
     * Tiles given as matrices (rows of pixels), each with a caption, laid out in ceil(sqrt(n)) columns. Tiles may differ
     * in size: all are drawn at one scale, each in the top-left corner of a cell as large as the largest tile, so a
     * 7x7 map next to a 28x28 one looks four times smaller.
     */
    public static ImageGrid of(String title, List<String> captions, List<double[][]> tiles) {
        if (tiles.isEmpty()) throw new IllegalArgumentException("an image grid needs at least one tile");
        if (captions.size() != tiles.size()) {
            throw new IllegalArgumentException(captions.size() + " captions for " + tiles.size() + " tiles");
        }
        for (int t = 0; t < tiles.size(); t++) {
            double[][] m = tiles.get(t);
            if (m == null || m.length == 0 || m[0] == null || m[0].length == 0
                    || !Arrays.stream(m).allMatch(r -> r != null && r.length == m[0].length)) {
                throw new IllegalArgumentException("tile " + t + " is not a matrix: it needs at least one row, all of"
                        + " one non-zero length");
            }
        }
        List<double[][]> copies = tiles.stream().map(m -> Arrays.stream(m).map(double[]::clone).toArray(double[][]::new))
                .toList();
        return new ImageGrid(title, List.copyOf(captions), copies, (int) Math.ceil(Math.sqrt(tiles.size())));
    }

    /**
     * One tile per channel of a layer's output for one example: {@code maps} is [channels, height, width] or
     * [1, channels, height, width] (what {@code model.activation(layer, oneExample)} returns); captions are channel
     * numbers from 0.
     */
    public static ImageGrid channels(String title, INDArray maps) {
        INDArray chw = maps.rank() == 4 && maps.size(0) == 1 ? maps.reshape(maps.size(1), maps.size(2), maps.size(3)) : maps;
        if (chw.rank() != 3) {
            throw new IllegalArgumentException("feature maps must be [channels, height, width] or [1, channels, height,"
                    + " width] (one example), got shape " + Arrays.toString(maps.shape())
                    + (maps.rank() == 4 ? ": pass one example, e.g. features.get(NDArrayIndex.interval(0, 1))" : ""));
        }
        List<String> captions = new ArrayList<>();
        List<double[][]> tiles = new ArrayList<>();
        for (int c = 0; c < chw.size(0); c++) {
            captions.add(Integer.toString(c));
            tiles.add(chw.slice(c).toDoubleMatrix());
        }
        return of(title, captions, tiles);
    }

    /**
     * A convolution's kernels from weights [filters, input channels, rows, cols] (what {@code model.weights(layer)}
     * returns): one tile per filter captioned by its number when there is one input channel, else one tile per filter
     * and input channel captioned "filter.channel".
     */
    public static ImageGrid filters(String title, INDArray weights) {
        if (weights.rank() != 4) {
            throw new IllegalArgumentException("convolution weights must be [filters, input channels, rows, cols], got "
                    + "shape " + Arrays.toString(weights.shape()));
        }
        List<String> captions = new ArrayList<>();
        List<double[][]> tiles = new ArrayList<>();
        long channels = weights.size(1);
        for (int f = 0; f < weights.size(0); f++) {
            for (int c = 0; c < channels; c++) {
                captions.add(channels == 1 ? Integer.toString(f) : f + "." + c);
                tiles.add(weights.slice(f).slice(c).toDoubleMatrix());
            }
        }
        return of(title, captions, tiles);
    }

    /** The same tiles laid out in {@code n} columns. */
    public ImageGrid columns(int n) {
        if (n < 1) throw new IllegalArgumentException("columns must be at least 1, got " + n);
        return new ImageGrid(title, captions, tiles, Math.min(n, tiles.size()));
    }

    public int tileCount() { return tiles.size(); }

    public int columns() { return columns; }

    public int rows() { return (tiles.size() + columns - 1) / columns; }

    /** The whole factor every tile is enlarged by: ceil(MIN_TILE / longest side of any tile), at least 1. */
    public int scale() {
        int longest = Math.max(maxRows(), maxCols());
        return Math.max(1, (MIN_TILE + longest - 1) / longest);
    }

    /** Width of the widest tile in pixels, enlarged. */
    public int tileWidth() { return maxCols() * scale(); }

    /** Width of a column in pixels: the widest tile or caption, whichever is wider. */
    public int cellWidth() {
        int caption = captions.stream().mapToInt(c -> textWidth(c, CAPTION_FONT)).max().orElse(0);
        return Math.max(tileWidth(), caption + 2);
    }

    /** Height of a tile cell in pixels: the tallest tile, enlarged. */
    public int tileHeight() { return maxRows() * scale(); }

    private int maxRows() { return tiles.stream().mapToInt(m -> m.length).max().orElseThrow(); }

    private int maxCols() { return tiles.stream().mapToInt(m -> m[0].length).max().orElseThrow(); }

    /** The grey level (0-255) a value gets in its tile: 255 (x - min) / (max - min), or 128 for a constant tile. */
    public static int grey(double x, double min, double max) {
        if (!(max > min)) return 128;
        return (int) Math.round(255 * (x - min) / (max - min));
    }

    /**
     * The grid: width = max(columns (cellWidth + GAP) + GAP, title width + 2 GAP),
     * height = HEADING + rows (CAPTION + tileHeight + GAP) + GAP.
     */
    @Override
    public BufferedImage image() {
        int cellW = cellWidth() + GAP;
        int cellH = CAPTION + tileHeight() + GAP;
        int width = Math.max(columns * cellW + GAP, textWidth(title, TITLE_FONT) + 2 * GAP);
        int height = HEADING + rows() * cellH + GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(TITLE_FONT);
            g.drawString(title, GAP, HEADING - 7);
            g.setFont(CAPTION_FONT);
            for (int t = 0; t < tiles.size(); t++) {
                int x = GAP + (t % columns) * cellW;
                int y = HEADING + (t / columns) * cellH;
                g.setColor(Color.DARK_GRAY);
                g.drawString(captions.get(t), x, y + CAPTION - 3);
                drawTile(img, tiles.get(t), x, y + CAPTION);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private void drawTile(BufferedImage img, double[][] m, int left, int top) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : m) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        int s = scale();
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[r].length; c++) {
                int level = grey(m[r][c], min, max);
                int rgb = (level << 16) | (level << 8) | level;
                for (int dy = 0; dy < s; dy++) {
                    for (int dx = 0; dx < s; dx++) img.setRGB(left + c * s + dx, top + r * s + dy, rgb);
                }
            }
        }
    }

    private static int textWidth(String text, Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics metrics = g.getFontMetrics(font);
            return metrics.stringWidth(text);
        } finally {
            g.dispose();
        }
    }
}
