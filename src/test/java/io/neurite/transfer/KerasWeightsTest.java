package io.neurite.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neurite.core.Shape;
import io.neurite.model.Model;
import io.neurite.spec.Convolutions;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras weights: {@code src/test/resources/keras/tiny-cnn.h5} is written without Keras by {@code make_fixture.py}
 * (h5py, the Keras 2 file layout by hand), with the softmax outputs of a numpy forward pass for two inputs. Loading
 * it into the same architecture built with the DSL must reproduce those outputs: conv kernels, biases and the
 * flatten order (Keras height-width-channel vs Neurite channel-height-width) all have to come across right.
 */
class KerasWeightsTest {

    private static Path resource(String name) throws Exception {
        return Path.of(KerasWeightsTest.class.getResource("/keras/" + name).toURI());
    }

    private static Model tinyCnn(int hidden) { return tinyCnn(hidden, Convolutions.DEFAULT); }

    private static Model tinyCnn(int hidden, Convolutions engine) {
        Model m = Model.sequential("tiny-cnn").convolutions(engine).input(Shape.image(6, 6, 2))
                .conv(3, 3).relu()
                .maxPool(2)
                .flatten()
                .dense(hidden).relu()
                .dense(3).softmax()
                .build();
        return m.compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
    }

    @ParameterizedTest
    @EnumSource(Convolutions.class)
    void importedWeightsReproduceTheNumpyForwardPass(Convolutions engine) throws Exception {
        JsonNode expected = new ObjectMapper().readTree(resource("tiny-cnn-expected.json").toFile());
        double[][][][] x = new ObjectMapper().convertValue(expected.get("inputs_nchw"), double[][][][].class);
        double[][] probabilities = new ObjectMapper().convertValue(expected.get("probabilities"), double[][].class);

        Model model = KerasWeights.load(resource("tiny-cnn.h5"), tinyCnn(4, engine));
        INDArray out = model.predict(Nd4j.create(x).castTo(DataType.FLOAT));
        for (int i = 0; i < probabilities.length; i++) {
            for (int c = 0; c < 3; c++) {
                double p = probabilities[i][c];
                assertEquals(p, out.getDouble(i, c), 1e-6 + 1e-4 * p, "example " + i + ", class " + c);
            }
        }
    }

    @Test
    void architectureMismatchNamesLayerAndShapes() throws Exception {
        Path h5 = resource("tiny-cnn.h5");
        var e = assertThrows(IllegalArgumentException.class, () -> KerasWeights.load(h5, tinyCnn(5)));
        assertTrue(e.getMessage().contains("dense") && e.getMessage().contains("[12, 4]")
                && e.getMessage().contains("[12, 5]"), e.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> KerasWeights.load(Path.of("no-such.h5"), tinyCnn(4)));
        assertTrue(missing.getMessage().contains("no-such.h5"), missing.getMessage());
    }
}
