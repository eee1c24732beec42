package io.neurite.nativeops;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A two-input graph vertex in which a sequence of queries [n, features, Tq] attends over a memory sequence
 * [n, memoryFeatures, Tk] (NCW): the inputs, the output type [n, {@link #outputFeatures}, Tq], the queries' mask carried
 * to the output; the runtime vertex is {@link NativeVertex}'s. Subclasses define the parameters and the attention
 * itself.
 */
abstract class AttentionOverMemory extends NativeVertex {
    static final String QUERIES = "queries";
    static final String MEMORY = "memory";

    @JsonProperty("features") protected long features;
    @JsonProperty("memoryFeatures") protected long memoryFeatures;

    /** For JSON deserialization only. */
    protected AttentionOverMemory() { }

    protected AttentionOverMemory(long features, long memoryFeatures) {
        this.features = features;
        this.memoryFeatures = memoryFeatures;
    }

    @JsonProperty("features") public long getFeatures() { return features; }
    @JsonProperty("memoryFeatures") public long getMemoryFeatures() { return memoryFeatures; }

    /** Features per output step. */
    protected abstract long outputFeatures();

    /** Declares the two inputs, queries then memory; subclasses add their parameters. */
    @Override
    public void defineParametersAndInputs(SDVertexParams params) { params.defineInputs(QUERIES, MEMORY); }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) {
        if (inputs.length != 2) {
            throw new IllegalArgumentException(this + ": needs 2 inputs (queries, memory), got " + inputs.length);
        }
        InputType.InputTypeRecurrent queries = NcwSequence.of(inputs[0], toString());
        NcwSequence.of(inputs[1], toString());
        return NcwSequence.withFeatures(queries, outputFeatures());
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatchSize) {
        return new Pair<>(masks == null ? null : masks[0], state);
    }
}
