package io.neurite.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Something drawn as an image: shown inline in a notebook, or saved as a PNG file. */
public interface Plot {

    /** The plot as an image (a notebook cell whose value is this image shows it inline). */
    BufferedImage image();

    /** Writes a PNG, creating folders; the file appears whole or not at all. Returns the path. */
    default Path save(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".plot", ".png");
            try {
                if (!ImageIO.write(image(), "png", tmp.toFile())) throw new IOException("no PNG writer available");
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file, e);
        }
    }

    /** Saves to a path given as text. */
    default Path save(String file) { return save(Path.of(file)); }
}
