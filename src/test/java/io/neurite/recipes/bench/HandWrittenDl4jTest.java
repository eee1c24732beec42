package io.neurite.recipes.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

/**
 * The DSL-overhead baseline compares like with like: the networks written by hand configure every layer, updater and
 * input preprocessor exactly as the DSL compiles them (layer names and the unused gradient-normalization threshold
 * aside), so a difference in speed between the two is the DSL's.
 */
class HandWrittenDl4jTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theMlpWrittenByHandHasTheDslsLayers() throws Exception {
        assertSameLayers("mlp", HandWrittenDl4j::mlp);
    }

    @Test
    void lenet5WrittenByHandHasTheDslsLayers() throws Exception {
        assertSameLayers("lenet5", HandWrittenDl4j::lenet5);
    }

    private static void assertSameLayers(String model, Supplier<ComputationGraph> byHand) throws Exception {
        ComputationGraph dsl = Benchmark.CASES.stream().filter(c -> c.name().equals(model)).findFirst().orElseThrow()
                .model().get().compile(Loss.crossEntropy(), Optimizer.adam(1e-3)).network();
        List<JsonNode> expected = layers(dsl);
        assertEquals(model.equals("mlp") ? 2 : 8, expected.size());
        assertEquals(expected, layers(byHand.get()));
    }

    /**
     * In topological order: each input preprocessor (a vertex of its own or a layer's) and each layer's configuration
     * without its name.
     */
    private static List<JsonNode> layers(ComputationGraph net) throws Exception {
        JsonNode conf = JSON.readTree(net.getConfiguration().toJson());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode name : conf.get("topologicalOrderStr")) {
            JsonNode vertex = conf.get("vertices").get(name.asText());
            if (vertex == null) continue;   // a network input
            if (vertex.hasNonNull("preProcessor")) out.add(vertex.get("preProcessor"));
            if (vertex.has("layerConf")) {
                ObjectNode layer = (ObjectNode) vertex.get("layerConf").get("layer").deepCopy();
                layer.remove(List.of("layerName", "gradientNormalizationThreshold"));
                out.add(layer);
            }
        }
        return out;
    }
}
