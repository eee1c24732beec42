package io.neurite.plot;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatmapTest {
    @Test
    void confusionMatrixSavesAReadablePngAndNothingElse(@TempDir Path dir) throws Exception {
        Path file = Heatmap.confusionMatrix("cm", new int[][] {{5, 1}, {0, 4}}, List.of("cat", "dog")).save(dir.resolve("cm.png"));
        assertNotNull(ImageIO.read(file.toFile()));
        try (var files = Files.list(dir)) {
            assertTrue(files.allMatch(p -> p.getFileName().toString().equals("cm.png")), "no temporary files left");
        }
    }

    @Test
    void mismatchedNamesAndRowsAreErrors() {
        assertThrows(IllegalArgumentException.class,
                () -> Heatmap.confusionMatrix("cm", new int[][] {{1, 0}, {0, 1}}, List.of("a", "b", "c")));
        assertThrows(IllegalArgumentException.class,
                () -> Heatmap.confusionMatrix("cm", new int[][] {{1, 0}, {0}}, List.of()));
    }

    @Test
    void gridsOfAnySizeSaveAndRaggedOnesAreErrors(@TempDir Path dir) throws Exception {
        double[][] weights = {{0.9, 0.1, 0}, {0.2, 0.5, 0.3}};
        Path file = Heatmap.grid("attention", "source", "target", weights, List.of("go", ".", "<eos>"),
                List.of("va", "!"), true).save(dir.resolve("a.png"));
        assertNotNull(ImageIO.read(file.toFile()));
        assertNotNull(Heatmap.grid("encoding", "dimension", "position", new double[40][32], List.of(), List.of(), false).image());
        assertThrows(IllegalArgumentException.class, () -> Heatmap.grid("t", "x", "y", new double[][] {{1, 2}, {3}},
                List.of(), List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> Heatmap.grid("t", "x", "y", weights, List.of("a"),
                List.of(), false));
    }
}
