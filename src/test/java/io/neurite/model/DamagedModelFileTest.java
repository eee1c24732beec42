package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.neurite.core.Shape;

import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** A saved model damaged on disk fails to load naming the file and the damage, and loading changes no file. */
class DamagedModelFileTest {
    @TempDir Path dir;

    @Test
    void aDamagedOrCutShortModelFileIsNamedAsDamaged() throws IOException {
        Model m = Model.sequential("m").input(Shape.vector(16)).dense(64).relu().dense(3).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
        Path good = dir.resolve("good.zip");
        m.save(good);
        byte[] saved = Files.readAllBytes(good);

        byte[] flipped = saved.clone();
        for (int i = saved.length / 2; i < saved.length / 2 + 16; i++) flipped[i] ^= 0x5a;
        Path damaged = Files.write(dir.resolve("damaged.zip"), flipped);
        String message = assertThrows(IllegalArgumentException.class, () -> Model.load(damaged)).getMessage();
        assertTrue(message.startsWith(damaged + " is damaged: entry '"), message);
        assertTrue(message.endsWith("copy it again from its source, or save it again"), message);
        assertArrayEquals(flipped, Files.readAllBytes(damaged), "the damaged file is left as it was");

        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(saved, saved.length - 100));
        message = assertThrows(IllegalArgumentException.class, () -> Model.load(cut)).getMessage();
        assertTrue(message.startsWith(cut + " is damaged: its zip directory is missing or unreadable"), message);

        Path text = Files.writeString(dir.resolve("notes.zip"), "not a model");
        message = assertThrows(IllegalArgumentException.class, () -> Model.load(text)).getMessage();
        assertTrue(message.startsWith(text + " is not a Neurite model saved with Model.save"), message);
        assertTrue(message.endsWith("; Model.load reads only what Model.save wrote (Keras .h5 weights:"
                + " KerasWeights.load)"), message);

        assertArrayEquals(saved, Files.readAllBytes(good));
        var x = Nd4j.rand(2, 16);
        assertEquals(m.predict(x), Model.load(good).predict(x), "the intact file still loads and predicts the same");
    }
}
