package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each transform on small images whose results can be written down by hand; seeds, composition and errors. */
class AugmentTest {
    /** The 3x3 image 1..9, row by row. */
    private static final double[][] IMAGE = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};

    /** {@code copies} copies of {@code image} as a one-channel dataset [n, 1, h, w] with one-hot labels of class 1. */
    private static Dataset images(double[][] image, int copies) {
        int h = image.length;
        int w = image[0].length;
        INDArray f = Nd4j.create(DataType.FLOAT, copies, 1, h, w);
        for (int i = 0; i < copies; i++) {
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) f.putScalar(new long[] {i, 0, y, x}, image[y][x]);
        }
        int[] classes = new int[copies];
        java.util.Arrays.fill(classes, 1);
        return Dataset.of(f, Dataset.oneHot(classes, 3)).withClassNames(List.of("a", "b", "c"));
    }

    private static double[][] image(Dataset d, int i) {
        INDArray m = d.features().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).castTo(DataType.DOUBLE);
        return m.toDoubleMatrix();
    }

    private static void assertImage(double[][] expected, double[][] actual) {
        for (int y = 0; y < expected.length; y++) assertArrayEquals(expected[y], actual[y], 1e-6, "row " + y);
    }

    @Test
    void horizontalFlipMirrorsEachRowAndVerticalFlipReversesTheRows() {
        assertImage(new double[][] {{3, 2, 1}, {6, 5, 4}, {9, 8, 7}},
                image(Augment.flipHorizontal(1).apply(images(IMAGE, 1), 1), 0));
        assertImage(new double[][] {{7, 8, 9}, {4, 5, 6}, {1, 2, 3}},
                image(Augment.flipVertical(1).apply(images(IMAGE, 1), 1), 0));
        assertImage(IMAGE, image(Augment.flipHorizontal(0).apply(images(IMAGE, 1), 1), 0));
    }

    @Test
    void flipWithProbabilityOneHalfFlipsAboutHalfTheImages() {
        Dataset out = Augment.flipHorizontal(0.5).apply(images(IMAGE, 400), 7);
        int flipped = 0;
        for (int i = 0; i < out.size(); i++) if (image(out, i)[0][0] == 3) flipped++;
        // binomial(400, 0.5): mean 200, sd 10
        assertTrue(flipped > 160 && flipped < 240, flipped + " of 400 flipped");
    }

    @Test
    void ninetyDegreesCounterClockwiseMovesTheTopRowToTheLeftColumn() {
        assertImage(new double[][] {{3, 6, 9}, {2, 5, 8}, {1, 4, 7}},
                image(Augment.rotate(90, 90).apply(images(IMAGE, 1), 1), 0));
        assertImage(new double[][] {{7, 4, 1}, {8, 5, 2}, {9, 6, 3}},
                image(Augment.rotate(-90, -90).apply(images(IMAGE, 1), 1), 0));
        // any angle leaves the centre where it is
        assertEquals(5, image(Augment.rotate(45, 45).apply(images(IMAGE, 1), 1), 0)[1][1], 1e-6);
    }

    @Test
    void scalingByTwoAboutTheCentreAveragesNeighbours() {
        // out(y, x) = in(1 + (y - 1) / 2, 1 + (x - 1) / 2): out(0, 0) = in(0.5, 0.5) = (1 + 2 + 4 + 5) / 4,
        // out(0, 1) = in(0.5, 1) = (2 + 5) / 2
        assertImage(new double[][] {{3, 3.5, 4}, {4.5, 5, 5.5}, {6, 6.5, 7}},
                image(Augment.scale(2, 2).apply(images(IMAGE, 1), 1), 0));
        // shrinking by half: out(0, 0) = in(-1, -1) = 0 outside, the centre stays
        assertImage(new double[][] {{0, 0, 0}, {0, 5, 0}, {0, 0, 0}},
                image(Augment.scale(0.5, 0.5).apply(images(IMAGE, 1), 1), 0));
    }

    @Test
    void translationByOnePixelIsOneOfTheNineHandShiftsAndAllNineOccur() {
        Set<Integer> seen = new HashSet<>();
        Dataset out = Augment.translate(1).apply(images(IMAGE, 200), 3);
        for (int i = 0; i < out.size(); i++) {
            double[][] m = image(out, i);
            boolean matched = false;
            for (int dy = -1; dy <= 1 && !matched; dy++) {
                for (int dx = -1; dx <= 1 && !matched; dx++) {
                    if (java.util.Arrays.deepEquals(shifted(dy, dx), m)) {
                        matched = true;
                        seen.add((dy + 1) * 3 + dx + 1);
                    }
                }
            }
            assertTrue(matched, "image " + i + " is no whole-pixel shift: " + java.util.Arrays.deepToString(m));
        }
        assertEquals(9, seen.size(), "shifts seen: " + seen);
        // one pixel right: every row moves right, a 0 enters on the left
        assertImage(new double[][] {{0, 1, 2}, {0, 4, 5}, {0, 7, 8}}, shifted(0, 1));
    }

    /** IMAGE moved dy down and dx right, zeros entering: out(y, x) = in(y - dy, x - dx). */
    private static double[][] shifted(int dy, int dx) {
        double[][] out = new double[3][3];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                int sy = y - dy;
                int sx = x - dx;
                out[y][x] = sy >= 0 && sy < 3 && sx >= 0 && sx < 3 ? IMAGE[sy][sx] : 0;
            }
        }
        return out;
    }

    @Test
    void cropOfOnePixelFillsTheImageWithThatPixelAndAFullCropChangesNothing() {
        Dataset out = Augment.crop(1).apply(images(IMAGE, 50), 5);
        Set<Double> values = new HashSet<>();
        for (int i = 0; i < out.size(); i++) {
            double[][] m = image(out, i);
            for (double[] row : m) for (double v : row) assertEquals(m[0][0], v, 0, "a 1x1 crop is one value");
            values.add(m[0][0]);
        }
        assertEquals(9, values.size(), "every pixel of the 3x3 image is drawn at some point: " + values);
        assertImage(IMAGE, image(Augment.crop(3).apply(images(IMAGE, 1), 5), 0));
        assertThrows(IllegalArgumentException.class, () -> Augment.crop(4).apply(images(IMAGE, 1), 5));
    }

    @Test
    void noiseHasTheStatedStandardDeviationOverManyPixels() {
        double[][] flat = new double[28][28];
        for (double[] row : flat) java.util.Arrays.fill(row, 0.5);
        Dataset out = Augment.noise(0.2).apply(images(flat, 100), 11);
        INDArray diff = out.features().castTo(DataType.DOUBLE).sub(0.5);
        // 78,400 draws: the sample mean is within 4 standard errors (4 * 0.2 / 280) of 0, the sd within 1% of 0.2
        assertEquals(0, diff.meanNumber().doubleValue(), 4 * 0.2 / 280);
        assertEquals(0.2, diff.stdNumber().doubleValue(), 0.002);
    }

    @Test
    void theSameSeedGivesTheSameImagesAndAnotherSeedOthers() {
        Augment a = Augment.rotate(20).then(Augment.translate(2)).then(Augment.noise(0.1));
        Dataset data = images(IMAGE, 20);
        assertEquals(a.apply(data, 9).features(), a.apply(data, 9).features());
        assertNotEquals(a.apply(data, 9).features(), a.apply(data, 10).features());
    }

    @Test
    void composedTransformsApplyInOrderAndKeepLabelsAndClassNames() {
        Dataset data = images(IMAGE, 2);
        Dataset out = Augment.flipHorizontal(1).then(Augment.rotate(90, 90)).apply(data, 1);
        // flip to {{3,2,1},{6,5,4},{9,8,7}}, then the top row becomes the left column
        assertImage(new double[][] {{1, 4, 7}, {2, 5, 8}, {3, 6, 9}}, image(out, 1));
        assertEquals(data.labels(), out.labels());
        assertEquals(List.of("a", "b", "c"), out.classNames());
    }

    @Test
    void expandKeepsTheOriginalsFirstThenTheCopies() {
        Dataset data = images(IMAGE, 2);
        Dataset out = Augment.flipVertical(1).expand(data, 2, 1);
        assertEquals(6, out.size());
        assertImage(IMAGE, image(out, 0));
        assertImage(IMAGE, image(out, 1));
        for (int i = 2; i < 6; i++) assertImage(new double[][] {{7, 8, 9}, {4, 5, 6}, {1, 2, 3}}, image(out, i));
        assertEquals(6, out.classIndices().length);
        for (int c : out.classIndices()) assertEquals(1, c);
    }

    @Test
    void flatFeaturesAndBadArgumentsAreRejectedWithTheFix() {
        Dataset flat = Dataset.classification(new double[][] {{1, 2}, {3, 4}}, new int[] {0, 1}, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> Augment.noise(0.1).apply(flat, 1));
        assertTrue(e.getMessage().contains("asImages"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Augment.flipHorizontal(1.5));
        assertThrows(IllegalArgumentException.class, () -> Augment.scale(0, 2));
        assertThrows(IllegalArgumentException.class, () -> Augment.rotate(10, -10));
        assertThrows(IllegalArgumentException.class, () -> Augment.noise(-1));
    }
}
