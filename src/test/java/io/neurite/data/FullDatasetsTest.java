package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fetched full sets (run {@code neurite data fetch mnist fashion-mnist} first): mvn test -Pfull-data. */
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
}
