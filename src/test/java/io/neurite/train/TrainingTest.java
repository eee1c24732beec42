package io.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.model.Model;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** End-to-end training on tiny problems whose answers are known. */
class TrainingTest {
    static final double[][] XOR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final int[] XOR_Y = {0, 1, 1, 0};

    static Model xorMlp() {
        return Model.sequential("xor").seed(1)
                .input(Shape.vector(2))
                .dense(8).tanh()
                .dense(2).softmax()
                .build()
                .compile(Loss.crossEntropy(), Optimizer.adam(0.05));
    }

    @Test
    void mlpSolvesXor() {
        Model mlp = xorMlp();
        Dataset xor = Dataset.classification(XOR_X, XOR_Y, 2);
        History h = mlp.fit(xor, Fit.epochs(300).batchSize(4).quiet());
        assertArrayEquals(XOR_Y, mlp.predictClasses(xor.features()));
        assertEquals(1.0, mlp.evaluate(xor).accuracy());
        assertTrue(h.last("loss") < 0.1 * h.metric("loss")[0], "loss fell by 10x: " + h.last("loss"));
    }

    @Test
    void savedModelPredictsTheSame(@TempDir Path dir) {
        Model mlp = xorMlp();
        Dataset xor = Dataset.classification(XOR_X, XOR_Y, 2);
        mlp.fit(xor, Fit.epochs(20).batchSize(4).quiet());
        Path file = dir.resolve("xor.zip");
        mlp.save(file);
        Model loaded = Model.load(file);
        INDArray before = mlp.predict(xor.features());
        assertEquals(before, loaded.predict(xor.features()));
        assertEquals(mlp.summaryTable().toString(), loaded.summaryTable().toString());
    }
}
