package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image folders DataVec would reject with its own errors, or mislabel silently, fail naming the folder or file, what
 * is wrong and the fix; images with upper- or mixed-case extensions and 4 channels load.
 */
class ImageFolderErrorsTest {
    @TempDir Path root;

    @Test
    void aMissingRootOrAFileInsteadOfAFolderIsNamed() throws IOException {
        Path missing = root.resolve("nowhere");
        failsWith(() -> ImageFolder.of(missing, 4, 4, 1), "ImageFolder: " + missing + " does not exist; pass a folder"
                + " with one sub-folder of images per class, e.g. " + missing.resolve("cat/1.jpg"));
        Path file = Files.writeString(root.resolve("list.txt"), "x");
        failsWith(() -> ImageFolder.of(file, 4, 4, 1), "ImageFolder: " + file + " is a file; pass a folder");
    }

    @Test
    void sizesBelowOneAndChannelCountsOtherThanOneThreeOrFourAreRejected() throws IOException {
        image("cat/a.png", Color.BLACK);
        failsWith(() -> ImageFolder.of(root, 0, 4, 1), "ImageFolder: height 0 for " + root + " is not an image size;"
                + " every image is resized to height x width pixels, so both must be at least 1");
        failsWith(() -> ImageFolder.of(root, 4, -1, 1), "ImageFolder: width -1 for " + root + " is not an image size");
        for (int channels : new int[] {0, 2, 5}) {
            failsWith(() -> ImageFolder.of(root, 4, 4, channels), "ImageFolder: channels " + channels + " for " + root
                    + " is not supported; use 1 (grey), 3 (colour) or 4 (colour with alpha)");
        }
        assertArrayEquals(new long[] {4, 4, 4}, ImageFolder.of(root, 4, 4, 4).load(1).exampleShape());
    }

    @Test
    void anEmptyFolderOrImagesWithoutClassFoldersNameTheLayout() throws IOException {
        failsWith(() -> ImageFolder.of(root, 4, 4, 1).load(1), "ImageFolder: " + root + " has no class sub-folders and"
                + " no images; DataVec takes an image's class from its parent folder, so each image must sit directly"
                + " in a sub-folder named after its class, e.g. " + root.resolve("cat/1.jpg"));
        image("a.png", Color.BLACK);
        image("b.jpg", Color.WHITE);
        failsWith(() -> ImageFolder.of(root, 4, 4, 1).load(1), "ImageFolder: " + root + " has no class sub-folders (2"
                + " images lie directly in it); DataVec takes");
    }

    @Test
    void aClassFolderWithoutImagesIsNamedWithWhatItHolds() throws IOException {
        image("cat/a.png", Color.BLACK);
        Path dog = Files.createDirectories(root.resolve("dog"));
        failsWith(() -> ImageFolder.of(root, 4, 4, 1).load(1), "ImageFolder: class folder " + dog + " has no images"
                + " (bmp, exr, gif, jp2, jpeg, jpg, pbm, pgm, png, pnm, ppm, tif, tiff, webp); add its images or"
                + " remove the folder");
        Files.writeString(dog.resolve("notes.txt"), "dogs to come");
        failsWith(() -> ImageFolder.of(root, 4, 4, 1).trainTest(0.5, 1), "ImageFolder: class folder " + dog + " has no"
                + " images (bmp, exr, gif, jp2, jpeg, jpg, pbm, pgm, png, pnm, ppm, tif, tiff, webp); it holds 1 other"
                + " files, e.g. notes.txt; add its images or remove the folder");
    }

    @Test
    void imagesOutsideTheClassFoldersOrNestedDeeperAreNamedWithTheLabelTheyWouldGet() throws IOException {
        image("cat/a.png", Color.BLACK);
        image("dog/b.png", Color.WHITE);
        Path nested = image("dog/puppies/c.png", Color.WHITE);
        failsWith(() -> ImageFolder.of(root, 4, 4, 1).load(1), "ImageFolder: " + nested + " would be labelled"
                + " 'puppies', which is not a class sub-folder of " + root + "; DataVec takes an image's class");
        Files.delete(nested);
        Path loose = image("d.png", Color.WHITE);
        failsWith(() -> ImageFolder.of(root, 4, 4, 1).load(1), "ImageFolder: " + loose + " would be labelled '"
                + root.getFileName() + "', which is not a class sub-folder of " + root);
    }

    @Test
    void anUndecodableImageIsNamedAndNothingOnDiskChanges() throws IOException {
        image("cat/a.png", Color.BLACK);
        Path good = image("dog/b.png", Color.WHITE);
        byte[] png = Files.readAllBytes(good);
        Map<Path, byte[]> cases = Map.of(
                root.resolve("dog/noise.png"), new byte[] {1, 2, 3, 4, 5},
                root.resolve("dog/text.jpg"), "not an image at all, just text".getBytes(),
                root.resolve("dog/cut.png"), Arrays.copyOf(png, png.length / 2));
        for (var c : cases.entrySet()) {
            Files.write(c.getKey(), c.getValue());
            Map<Path, Long> before = snapshot();
            failsWith(() -> ImageFolder.of(root, 4, 4, 1).load(1), "ImageFolder: " + c.getKey() + " cannot be"
                    + " decoded as an image (");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImageFolder.of(root, 4, 4, 1).load(1));
            assertTrue(e.getMessage().endsWith("): it is damaged, truncated or not an image despite its extension;"
                    + " replace it with a good copy or remove it"), e.getMessage());
            assertEquals(before, snapshot());
            Files.delete(c.getKey());
        }
    }

    @Test
    void trainFractionsThatLeaveAPartEmptyAreRejected() throws IOException {
        image("cat/a.png", Color.BLACK);
        image("dog/b.png", Color.WHITE);
        for (double f : new double[] {0, 1, -0.5, Double.NaN}) {
            failsWith(() -> ImageFolder.of(root, 4, 4, 1).trainTest(f, 1), "ImageFolder: trainFraction " + f
                    + " must be in (0, 1) so that both the training and the test part get images");
        }
        failsWith(() -> ImageFolder.of(root, 4, 4, 1).trainTest(0.9, 1), "ImageFolder: " + root + " leaves no images"
                + " for the test part with trainFraction 0.9 (2 images in 2 classes); add images or choose a"
                + " trainFraction nearer 0.5");
    }

    @Test
    void mixedCaseExtensionsLoadAndBothSplitPartsKeepTheirLabels() throws IOException {
        for (int i = 0; i < 4; i++) {
            image("black/" + i + (i % 2 == 0 ? ".PNG" : ".Png"), Color.BLACK);
            image("white/" + i + ".png", Color.WHITE);
        }
        assertEquals(8, ImageFolder.of(root, 4, 4, 1).load(3).size());
        TrainTest parts = ImageFolder.of(root, 4, 4, 1).trainTest(0.5, 3);
        assertEquals(8, parts.train().size() + parts.test().size());
        for (Dataset d : List.of(parts.train(), parts.test())) {
            assertEquals(List.of("black", "white"), d.classNames());
            int[] classes = d.classIndices();
            for (int i = 0; i < d.size(); i++) {
                assertEquals(classes[i], d.features().slice(i).meanNumber().doubleValue(), 1e-6, "example " + i);
            }
        }
    }

    @Test
    void symlinkedClassFoldersLoad(@TempDir Path elsewhere) throws IOException {
        Path cats = Files.createDirectories(elsewhere.resolve("cats"));
        image("dog/a.png", Color.WHITE);
        Files.createSymbolicLink(root.resolve("cat"), cats);
        image("cat/b.png", Color.BLACK);
        Dataset d = ImageFolder.of(root, 4, 4, 1).load(1);
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {0, 1}, Arrays.stream(d.classIndices()).sorted().toArray());
    }

    private static void failsWith(Executable call, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }

    private Path image(String relative, Color colour) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 8, 8);
        g.dispose();
        String name = relative.toLowerCase();
        ImageIO.write(img, name.substring(name.lastIndexOf('.') + 1).replace("jpg", "jpeg"), file.toFile());
        return file;
    }

    private Map<Path, Long> snapshot() throws IOException {
        Map<Path, Long> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) files.put(p, Files.isRegularFile(p) ? Files.size(p) : -1L);
        }
        return files;
    }
}
