package io.neurite.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Filter and feature-map grids: tile count, layout, size and per-tile normalization. */
class ImageGridTest {

    /** Grey level of pixel (row r, col c) of tile t, located from the grid's documented layout. */
    private static int grey(BufferedImage img, ImageGrid grid, int t, int r, int c) {
        int x = ImageGrid.GAP + (t % grid.columns()) * (grid.cellWidth() + ImageGrid.GAP) + c * grid.scale();
        int y = ImageGrid.HEADING + (t / grid.columns()) * (ImageGrid.CAPTION + grid.tileHeight() + ImageGrid.GAP)
                + ImageGrid.CAPTION + r * grid.scale();
        int rgb = img.getRGB(x, y);
        int level = rgb & 0xFF;
        assertEquals(level, (rgb >> 8) & 0xFF, "grey");
        return level;
    }

    @Test
    void sixLeNetFiltersMakeThreeByTwoTilesOfEightyFivePixels() {
        INDArray w = Nd4j.rand(DataType.FLOAT, 6, 1, 5, 5);
        ImageGrid grid = ImageGrid.filters("f", w);
        assertEquals(6, grid.tileCount());
        assertEquals(3, grid.columns(), "ceil(sqrt(6))");
        assertEquals(2, grid.rows());
        assertEquals(17, grid.scale(), "ceil(84 / 5)");
        assertEquals(85, grid.tileWidth());
        assertEquals(85, grid.cellWidth(), "one-digit captions are narrower than a tile");
        BufferedImage img = grid.image();
        assertEquals(3 * (85 + 6) + 6, img.getWidth());
        assertEquals(24 + 2 * (14 + 85 + 6) + 6, img.getHeight());
    }

    @Test
    void eachTileIsNormalizedOnItsOwn() {
        // two maps with very different ranges: each still spans black to white
        INDArray maps = Nd4j.createFromArray(new double[][][] {
                {{0, 1}, {2, 3}},
                {{-1000, 0}, {500, 1000}}}).reshape(1, 2, 2, 2);
        ImageGrid grid = ImageGrid.channels("maps", maps);
        assertEquals(2, grid.tileCount());
        assertEquals(42, grid.scale());
        BufferedImage img = grid.image();
        assertEquals(0, grey(img, grid, 0, 0, 0));
        assertEquals(85, grey(img, grid, 0, 0, 1), "255 * 1/3");
        assertEquals(255, grey(img, grid, 0, 1, 1));
        assertEquals(0, grey(img, grid, 1, 0, 0));
        assertEquals(128, grey(img, grid, 1, 0, 1), "255 * 1000/2000, rounded");
        assertEquals(255, grey(img, grid, 1, 1, 1));
        assertEquals(128, ImageGrid.grey(4, 4, 4), "a constant tile is mid grey");
    }

    /** A 28x28 digit and its 14x14 and 7x7 poolings share one scale: cells are 84 px, the 7x7 tile covers 21 px. */
    @Test
    void tilesOfDifferentSizesShareOneScale() {
        double[][] big = new double[28][28];
        double[][] small = new double[7][7];
        small[6][6] = 1;
        ImageGrid grid = ImageGrid.of("pool", List.of("28", "14", "7"), List.of(big, new double[14][14], small));
        assertEquals(3, grid.scale());
        assertEquals(84, grid.tileWidth());
        BufferedImage img = grid.image();
        assertEquals(255, grey(img, grid, 2, 6, 6), "the 7x7 tile's bright corner at 3x");
        int x = ImageGrid.GAP + 21 + 1;
        int y = ImageGrid.HEADING + ImageGrid.CAPTION + grid.tileHeight() + ImageGrid.GAP + ImageGrid.CAPTION + 1;
        assertEquals(0xFFFFFF, img.getRGB(x, y) & 0xFFFFFF, "white background beyond the 7x7 tile");
    }

    @Test
    void multiChannelFiltersGetOneTilePerFilterAndChannel() {
        ImageGrid grid = ImageGrid.filters("rgb", Nd4j.rand(DataType.FLOAT, 4, 3, 3, 3)).columns(3);
        assertEquals(12, grid.tileCount());
        assertEquals(3, grid.columns());
        assertEquals(4, grid.rows());
    }

    @Test
    void longCaptionsWidenTheColumns() {
        ImageGrid grid = ImageGrid.of("t", List.of("a caption far wider than the tile", "b"),
                List.of(new double[2][2], new double[2][2]));
        assertTrue(grid.cellWidth() > grid.tileWidth(), grid.cellWidth() + " vs " + grid.tileWidth());
        assertEquals(2 * (grid.cellWidth() + ImageGrid.GAP) + ImageGrid.GAP, grid.image().getWidth());
    }

    @Test
    void aLongTitleWidensTheImage() {
        String title = "a title much wider than a single small tile of the grid";
        ImageGrid grid = ImageGrid.of(title, List.of("x"), List.<double[][]>of(new double[][] {{1, 2}, {3, 4}}));
        assertTrue(grid.image().getWidth() > grid.tileWidth() + 2 * ImageGrid.GAP);
    }

    @Test
    void badShapesAreRejectedWithTheShape() {
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> ImageGrid.channels("m", Nd4j.zeros(2, 3, 4, 4)));
        assertTrue(batch.getMessage().contains("[2, 3, 4, 4]") && batch.getMessage().contains("one example"),
                batch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.filters("w", Nd4j.zeros(3, 3)));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class, () -> ImageGrid.of("t",
                List.of("a", "b"), List.of(new double[2][2], new double[][] {{1, 2}, {3}})));
        assertTrue(ragged.getMessage().contains("tile 1"), ragged.getMessage());
    }

    @Test
    void savesAReadablePng(@TempDir Path dir) throws Exception {
        ImageGrid grid = ImageGrid.channels("maps", Nd4j.rand(DataType.FLOAT, 4, 7, 7));
        Path file = grid.save(dir.resolve("sub/maps.png"));
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(grid.image().getWidth(), back.getWidth());
        try (var files = Files.list(dir.resolve("sub"))) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
