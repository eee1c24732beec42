package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neurite.core.Activation;
import io.neurite.core.Init;
import io.neurite.core.Shape;
import io.neurite.eval.Task;
import io.neurite.layers.Dense;
import io.neurite.train.HuberLoss;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.train.Schedule;
import io.neurite.train.WeightedLoss;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** Save and load: DL4J's zip plus the definition as versioned JSON; loaded models predict and print as saved. */
class ModelFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.neurite.testing.ReducedZooModels#all")
    void reducedZooModelsRoundTrip(String name, BiFunction<Shape, Integer, Model> factory, Shape input) {
        Model m = factory.apply(input, 5).compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
        Nd4j.getRandom().setSeed(1);
        INDArray images = Nd4j.rand(DataType.FLOAT, 2, input.channels(), input.height(), input.width());
        Model back = roundTrip(m, name);
        assertEquals(m.spec(), back.spec(), name);
        assertEquals(m.predict(images), back.predict(images), name);
        assertEquals(m.summaryTable().toString(), back.summaryTable().toString(), name);
    }

    @Test
    void sequenceModelsRoundTrip() {
        Model tokens = Model.sequential("s").input(Shape.tokens(5, 20)).embedding(4).globalAvgPool().dense(2).softmax()
                .build().compile(Loss.crossEntropy(), Optimizer.adam(1e-2));
        INDArray ids = Nd4j.createFromArray(new float[][] {{1, 4, 19, 0, 7}, {3, 3, 2, 11, 5}});
        Model tokensBack = roundTrip(tokens, "tokens");
        assertEquals(tokens.spec(), tokensBack.spec());
        assertEquals(tokens.predict(ids), tokensBack.predict(ids));
        assertEquals(tokens.summaryTable().toString(), tokensBack.summaryTable().toString());

        Model perStep = Model.sequential("p").input(Shape.sequence(Shape.VARIABLE, 3)).dense(2).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
        INDArray steps = Nd4j.rand(DataType.FLOAT, 2, 4, 3);
        Model perStepBack = roundTrip(perStep, "per-step");
        assertEquals(Shape.sequence(Shape.VARIABLE, 3), perStepBack.spec().inputs().get("input"));
        assertEquals(perStep.predict(steps), perStepBack.predict(steps));
        assertEquals(perStep.summaryTable().toString(), perStepBack.summaryTable().toString());
    }

    @Test
    void twoOutputModelKeepsItsWeightedLosses() {
        Model m = MultiOutputTest.twoHeads();
        Model back = roundTrip(m, "two-heads");
        INDArray in = Nd4j.rand(DataType.DOUBLE, 3, 4);
        assertEquals(m.predict(Map.of("x", in)), back.predict(Map.of("x", in)));
        assertEquals(m.summaryTable().toString(), back.summaryTable().toString());
        assertEquals(m.losses().get("kind"), back.losses().get("kind"), "name, task and DL4J loss function");
        Loss size = back.losses().get("size");
        assertEquals("0.5 * mse", size.name());
        assertEquals(Task.REGRESSION, size.task());
        WeightedLoss weighted = assertInstanceOf(WeightedLoss.class, size.dl4j());
        assertEquals(0.5, weighted.getWeight());
        assertInstanceOf(LossMSE.class, weighted.getLoss());
    }

    @Test
    void parameterizedActivationsInitsLossesAndSchedulesRoundTrip() {
        Model m = Model.sequential("params").input(Shape.vector(3)).dense(4).leakyRelu(0.2).init(Init.normal(0.5))
                .dense(1).build()
                .compile(Loss.huber(2.0), Optimizer.adam(1e-3).withSchedule(Schedule.step(1e-3, 0.5, 2)));
        Model back = roundTrip(m, "params");
        Dense hidden = (Dense) back.spec().nodes().get(0).layer();
        assertEquals(Activation.leakyRelu(0.2), hidden.activation());
        assertEquals(0.2, assertInstanceOf(ActivationLReLU.class, hidden.activation().toDl4j()).getAlpha());
        assertEquals(Init.normal(0.5), hidden.init());
        assertEquals(m.spec(), back.spec());
        assertEquals("huber(2.0)", back.loss().name());
        assertEquals(2.0, assertInstanceOf(HuberLoss.class, back.loss().dl4j()).getDelta());
        assertEquals(m.optimizer().name(), back.optimizer().name());
        assertEquals(m.optimizer().toDl4j(), back.optimizer().toDl4j());
        assertInstanceOf(Adam.class, back.optimizer().toDl4j());
        for (int epoch = 0; epoch < 6; epoch++) {
            assertEquals(m.optimizer().learningRate(epoch), back.optimizer().learningRate(epoch), "epoch " + epoch);
        }
        Optimizer momentum = Optimizer.momentum(0.1, 0.9).withSchedule(Schedule.polynomial(0.1, 2, 10));
        Optimizer momentumBack = roundTrip(m.compile(Loss.mse(), momentum), "momentum").optimizer();
        for (int epoch = 0; epoch < 12; epoch++) {
            assertEquals(momentum.learningRate(epoch), momentumBack.learningRate(epoch), "epoch " + epoch);
        }
        Optimizer warm = Optimizer.adam(1e-3).withSchedule(Schedule.warmUp(1e-3, 5, 20));
        var warmBack = roundTrip(m.compile(Loss.mse(), warm), "warm").optimizer().toDl4j();
        for (int iteration = 0; iteration < 22; iteration++) {
            assertEquals(warm.toDl4j().getLearningRate(iteration, 0), warmBack.getLearningRate(iteration, 0),
                    "iteration " + iteration);
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3);
        assertEquals(m.predict(x), back.predict(x));
    }

    @Test
    void definitionIsVersionedJsonText() throws IOException {
        Path file = dir.resolve("m.zip");
        small().save(file);
        assertEquals(List.of(file), listDir(), "only the model file: no temporary file is left behind");
        String text;
        try (FileSystem zip = FileSystems.newFileSystem(file)) {
            text = Files.readString(zip.getPath(ModelJson.ENTRY), StandardCharsets.UTF_8);
        }
        JsonNode json = new ObjectMapper().readTree(text);
        assertEquals("neurite-model", json.get("format").asText());
        assertEquals(1, json.get("version").asInt());
        assertEquals("Dense", json.at("/spec/nodes/0/layer/type").asText());
        assertEquals("relu", json.at("/spec/nodes/0/layer/activation/name").asText());
        assertEquals("categorical_crossentropy", json.at("/losses/dense_2/name").asText());
        assertTrue(text.contains("\"version\" : 1"), text);
    }

    @Test
    void newerVersionIsRefusedNamingFileAndVersions() throws IOException {
        Path file = saved(text -> text.replace("\"version\" : 1", "\"version\" : 2"));
        var e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("version 2")
                && e.getMessage().contains("reads version 1") && e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void unknownFormatOrLayerTypeIsRefused() throws IOException {
        Path format = saved(text -> text.replace("\"neurite-model\"", "\"keras-model\""));
        var e = assertThrows(IllegalArgumentException.class, () -> Model.load(format));
        assertTrue(e.getMessage().contains(format.toString()) && e.getMessage().contains("'keras-model'")
                && e.getMessage().contains("expected 'neurite-model'"), e.getMessage());

        Path layer = saved(text -> text.replace("\"type\" : \"Dense\"", "\"type\" : \"Transformer\""));
        var l = assertThrows(IllegalArgumentException.class, () -> Model.load(layer));
        assertTrue(l.getMessage().contains("unknown layer type 'Transformer'"), l.getMessage());

        Path outside = saved(text -> text.replace("\"type\" : \"Dense\"", "\"type\" : \"io.neurite.model.Model\""));
        var o = assertThrows(IllegalArgumentException.class, () -> Model.load(outside));
        assertTrue(o.getMessage().contains("unknown layer type"), o.getMessage());
    }

    @Test
    void fileWithoutTheDefinitionIsRefused() throws IOException {
        Path file = dir.resolve("m.zip");
        small().save(file);
        try (FileSystem zip = FileSystems.newFileSystem(file)) {
            Files.delete(zip.getPath(ModelJson.ENTRY));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("no Neurite definition")
                && e.getMessage().contains(ModelJson.ENTRY), e.getMessage());
    }

    @Test
    void cutOffFileIsReportedAsDamaged() throws IOException {
        Path file = dir.resolve("m.zip");
        small().save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var t = assertThrows(IllegalArgumentException.class, () -> Model.load(truncated));
        assertTrue(t.getMessage().contains(truncated.toString()) && t.getMessage().contains("damaged"), t.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> Model.load(dir.resolve("absent.zip")));
        assertTrue(missing.getMessage().contains("no saved model"), missing.getMessage());
    }

    private Model roundTrip(Model m, String name) {
        Path file = dir.resolve(name + ".zip");
        m.save(file);
        return Model.load(file);
    }

    private static Model small() {
        return Model.sequential("small").input(Shape.vector(3)).dense(4).relu().dense(2).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
    }

    /** A small model saved with its definition text edited by {@code edit}. */
    private Path saved(UnaryOperator<String> edit) throws IOException {
        Path file = Files.createTempFile(dir, "edited", ".zip");
        small().save(file);
        try (FileSystem zip = FileSystems.newFileSystem(file)) {
            Path entry = zip.getPath(ModelJson.ENTRY);
            String text = Files.readString(entry);
            String edited = edit.apply(text);
            assertFalse(edited.equals(text), "the edit changes the definition");
            Files.writeString(entry, edited);
        }
        return file;
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
