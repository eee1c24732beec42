package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of class sub-folders loads through DataVec with sub-folder names as classes and pixels in [0, 1]. */
class ImageFolderTest {
    @TempDir Path root;

    @Test
    void blackAndWhiteFoldersBecomeTwoClassesWithTheirPixelValues() throws IOException {
        write("black", Color.BLACK, 3);
        write("white", Color.WHITE, 3);
        Dataset d = ImageFolder.of(root, 4, 4, 1).load(1);
        assertEquals(6, d.size());
        assertArrayEquals(new long[] {1, 4, 4}, d.exampleShape());
        assertEquals(List.of("black", "white"), d.classNames());
        int[] classes = d.classIndices();
        for (int i = 0; i < d.size(); i++) {
            double mean = d.features().slice(i).meanNumber().doubleValue();
            assertEquals(classes[i] == 0 ? 0.0 : 1.0, mean, 1e-6, "example " + i);
        }
    }

    private void write(String cls, Color colour, int count) throws IOException {
        Path dir = Files.createDirectories(root.resolve(cls));
        for (int i = 0; i < count; i++) {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            var g = img.createGraphics();
            g.setColor(colour);
            g.fillRect(0, 0, 8, 8);
            g.dispose();
            ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
        }
    }
}
