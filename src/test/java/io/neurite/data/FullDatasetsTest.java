package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fetched full sets (run {@code neurite data fetch mnist fashion-mnist} first): mvn test -Pfull-data. Every fetched
 * dataset takes the size on disk that {@code data list} announces.
 */
@Tag("full-data")
class FullDatasetsTest {
    @Test
    void fullMnistAndFashionMnistHave60000And10000Examples() {
        for (TrainTest t : new TrainTest[] {Mnist.full(), FashionMnist.full()}) {
            assertEquals(60_000, t.train().size());
            assertEquals(10_000, t.test().size());
            assertEquals(10, t.train().labelColumns());
        }
    }

    @Test
    void everyFetchedDatasetHasTheSizeDataListAnnounces() throws IOException {
        int present = 0;
        for (Catalog.Entry e : Catalog.ENTRIES) {
            Path dir = DataHome.get().resolve(e.name());
            if (!Files.isDirectory(dir)) continue;
            long bytes = 0;
            for (String file : e.files().keySet()) bytes += Files.size(dir.resolve(file));
            assertEquals(e.bytes(), bytes, e.name());
            present++;
        }
        assertTrue(present >= 2, "mnist and fashion-mnist are fetched for this profile");
    }
}
