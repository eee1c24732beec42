package io.neurite.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.neurite.core.Activation;
import io.neurite.layers.LayerSpec;
import io.neurite.spec.ModelSpec;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The Neurite definition of a saved model as JSON text, the entry {@value #ENTRY} of the model's zip. Version 1:
 * <pre>
 * {"format": "neurite-model", "version": 1,
 *  "spec": {"name": ..., "inputs": {name: shape, ...}, "nodes": [{"name": ..., "layer": layer, "inputs": [...]}, ...],
 *           "outputs": [...], "seed": ..., "dataType": "FLOAT", "convolutions": "NATIVE"},
 *  "losses": {output name: {"name": ..., "dl4j": DL4J, "task": "CLASSIFICATION"}, ...},
 *  "optimizer": {"name": ..., "updater": DL4J}}
 * </pre>
 * A shape is {@code {"kind": "IMAGE", "dims": [28, 28, 1]}}. A layer is a record of {@code io.neurite.layers} with its
 * simple class name as {@code "type"} and its record components as fields ({@code {"type": "Dropout", "rate": 0.5}});
 * a {@code Frozen} layer holds its layer. Activations and inits are {@code {"name": ..., "dl4j": DL4J}}, an absent
 * init is null. DL4J stands for the DL4J object (activation, weight init, loss function, updater with its schedule)
 * as DL4J's own JSON mapper writes it, with its class in {@code "@class"}. Every field is required; unknown fields,
 * layer types outside {@code io.neurite.layers} and other formats or versions are refused.
 */
final class ModelJson {
    /** The zip entry holding the definition. */
    static final String ENTRY = "neurite-model.json";
    static final String FORMAT = "neurite-model";
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addMixIn(LayerSpec.class, LayerSpecMixIn.class)
            .addMixIn(Activation.class, ActivationMixIn.class)
            .addMixIn(Optimizer.class, OptimizerMixIn.class)
            .addModule(new SimpleModule("dl4j")
                    .addSerializer(IActivation.class, new Dl4jWriter<>())
                    .addDeserializer(IActivation.class, new Dl4jReader<>(IActivation.class))
                    .addSerializer(IWeightInit.class, new Dl4jWriter<>())
                    .addDeserializer(IWeightInit.class, new Dl4jReader<>(IWeightInit.class))
                    .addSerializer(ILossFunction.class, new Dl4jWriter<>())
                    .addDeserializer(ILossFunction.class, new Dl4jReader<>(ILossFunction.class))
                    .addSerializer(IUpdater.class, new Dl4jWriter<>())
                    .addDeserializer(IUpdater.class, new Dl4jReader<>(IUpdater.class)))
            .build();

    private ModelJson() { }

    /** The whole document; its fields are the format's top-level fields. */
    private record Document(String format, int version, ModelSpec spec, Map<String, Loss> losses, Optimizer optimizer) { }

    /** The definition as UTF-8 JSON text. */
    static byte[] write(ModelFile.Saved saved) {
        try {
            return MAPPER.writeValueAsBytes(new Document(FORMAT, VERSION, saved.spec(), saved.losses(), saved.optimizer()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the definition of model '" + saved.spec().name()
                    + "' as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a definition written by {@link #write}; fails naming {@code file} when the text is not JSON, has another
     * format or version, or does not describe a model this Neurite can build.
     */
    static ModelFile.Saved read(byte[] json, Path file) {
        String where = file + " (entry " + ENTRY + ")";
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is not valid JSON: " + e.getMessage(), e);
        }
        String format = root.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(where + " has format '" + format + "', expected '" + FORMAT
                    + "': it was not written by Model.save");
        }
        JsonNode version = root.path("version");
        if (!version.canConvertToExactIntegral() || version.asInt() != VERSION) {
            String found = version.isMissingNode() ? "no version" : "version " + version;
            boolean newer = version.canConvertToExactIntegral() && version.asLong() > VERSION;
            throw new IllegalArgumentException(where + " has Neurite model format " + found + "; this Neurite reads "
                    + "version " + VERSION + (newer ? ": load it with the newer Neurite that saved it"
                    : ": the file was not written by Model.save"));
        }
        Document doc;
        try {
            doc = MAPPER.treeToValue(root, Document.class);
        } catch (JsonProcessingException e) {
            String path = e instanceof JsonMappingException m ? m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                    .collect(Collectors.joining("/")) : "";
            throw new IllegalArgumentException(where + " does not describe a model this Neurite can build: at /"
                    + path + ": " + e.getOriginalMessage(), e);
        }
        if (doc.spec() == null || doc.losses() == null || doc.optimizer() == null) {
            throw new IllegalArgumentException(where + " has a null spec, losses or optimizer: it was not written by "
                    + "Model.save");
        }
        return new ModelFile.Saved(doc.spec(), doc.losses(), doc.optimizer());
    }

    /** Layers carry their record's simple name as "type", resolved only among {@code io.neurite.layers}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, property = "type")
    @JsonTypeIdResolver(LayerTypes.class)
    private interface LayerSpecMixIn { }

    private abstract static class ActivationMixIn {
        @JsonCreator
        static Activation of(@JsonProperty("name") String name, @JsonProperty("dl4j") IActivation dl4j) {
            return null;
        }
    }

    private abstract static class OptimizerMixIn {
        @JsonCreator
        static Optimizer of(@JsonProperty("name") String name, @JsonProperty("updater") IUpdater updater) {
            return null;
        }
    }

    /**
     * Layer type names: the simple name of a top-level record implementing {@link LayerSpec} in its package. A new
     * layer record is saved and loaded without being listed anywhere; no other class is ever loaded.
     */
    static final class LayerTypes extends TypeIdResolverBase {
        private static final String PACKAGE = LayerSpec.class.getPackageName();
        private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

        @Override
        public String idFromValue(Object value) { return idFromValueAndType(value, value.getClass()); }

        @Override
        public String idFromValueAndType(Object value, Class<?> type) {
            if (!isLayerRecord(type)) {
                throw new IllegalArgumentException("layer " + type.getName() + " cannot be saved: only records in "
                        + PACKAGE + " implementing LayerSpec are; put the layer's record there");
            }
            return type.getSimpleName();
        }

        @Override
        public JavaType typeFromId(DatabindContext context, String id) throws IOException {
            Class<?> type = NAME.matcher(id).matches() ? layerClass(id) : null;
            if (type == null || !isLayerRecord(type)) {
                throw new JsonMappingException(null, "unknown layer type '" + id + "': this Neurite knows the "
                        + "layer records of " + PACKAGE + "; the file may come from a newer Neurite");
            }
            return context.constructType(type);
        }

        @Override
        public JsonTypeInfo.Id getMechanism() { return JsonTypeInfo.Id.CUSTOM; }

        private static Class<?> layerClass(String simpleName) {
            try {
                return Class.forName(PACKAGE + "." + simpleName, false, LayerSpec.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return null;
            }
        }

        private static boolean isLayerRecord(Class<?> type) {
            return type.isRecord() && LayerSpec.class.isAssignableFrom(type) && type.getEnclosingClass() == null
                    && type.getPackageName().equals(PACKAGE);
        }
    }

    /** Writes a DL4J object as the JSON tree DL4J's own mapper makes of it. */
    private static final class Dl4jWriter<T> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            String json = NeuralNetConfiguration.mapper().writeValueAsString(value);
            gen.writeTree(MAPPER.readTree(json));
        }
    }

    /** Reads a DL4J object with DL4J's own mapper. */
    private static final class Dl4jReader<T> extends JsonDeserializer<T> {
        private final Class<T> type;

        Dl4jReader(Class<T> type) { this.type = type; }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = ctxt.readTree(p);
            try {
                return NeuralNetConfiguration.mapper().readValue(tree.toString(), type);
            } catch (IOException e) {
                return ctxt.reportInputMismatch(type, "not a DL4J %s: %s", type.getSimpleName(), e.getMessage());
            }
        }
    }
}
