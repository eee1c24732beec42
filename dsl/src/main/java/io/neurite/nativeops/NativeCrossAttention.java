package io.neurite.nativeops;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Multi-head attention of a sequence of queries [n, d, Tq] over a memory sequence [n, dm, Tk] (NCW), a two-input
 * graph vertex: {@link MultiHeadAttention} with the memory's padding mask on the keys; padded query steps output
 * zeros and the output [n, d, Tq] keeps the queries' mask. 2 d^2 + 2 d dm + 4 d parameters. Its runtime vertex
 * ({@link PerLengthGraphVertex}) defines one graph per pair of lengths met and corrects DL4J M2.1's doubled gradients.
 */
public final class NativeCrossAttention extends SameDiffVertex {
    private static final String QUERIES = "queries";
    private static final String MEMORY = "memory";

    @JsonProperty("features") private long features;
    @JsonProperty("memoryFeatures") private long memoryFeatures;
    @JsonProperty("heads") private int heads;

    /** For JSON deserialization only. */
    private NativeCrossAttention() { }

    /** Attention with {@code heads} heads of queries of {@code features} over a memory of {@code memoryFeatures}. */
    public NativeCrossAttention(long features, long memoryFeatures, int heads) {
        if (heads < 1 || features % heads != 0 || memoryFeatures < 1) {
            throw new IllegalArgumentException("NativeCrossAttention: " + features + " query features must split into "
                    + heads + " heads and the memory needs features, got " + memoryFeatures);
        }
        this.features = features;
        this.memoryFeatures = memoryFeatures;
        this.heads = heads;
    }

    @JsonProperty("features") public long getFeatures() { return features; }
    @JsonProperty("memoryFeatures") public long getMemoryFeatures() { return memoryFeatures; }
    @JsonProperty("heads") public int getHeads() { return heads; }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        params.defineInputs(QUERIES, MEMORY);
        MultiHeadAttention.defineParameters(params, features, memoryFeatures);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) { MultiHeadAttention.initialize(params); }

    @Override
    public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> inputs, Map<String, SDVariable> params,
            Map<String, SDVariable> masks) {
        SDVariable queries = inputs.get(QUERIES);
        SDVariable memory = inputs.get(MEMORY);
        long tq = queries.getShape()[2];
        SDVariable out = MultiHeadAttention.attend(sd, queries, memory, masks.get(MEMORY), params, heads, features, tq,
                memory.getShape()[2], false);
        return out.mul(masks.get(QUERIES).reshape(-1, 1, tq));
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        setName(name);
        return new PerLengthGraphVertex(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) {
        if (inputs.length != 2) {
            throw new IllegalArgumentException(this + ": needs 2 inputs (queries, memory), got " + inputs.length);
        }
        InputType.InputTypeRecurrent queries = NcwSequence.of(inputs[0], toString());
        NcwSequence.of(inputs[1], toString());
        return NcwSequence.withFeatures(queries, features);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatchSize) {
        return new Pair<>(masks == null ? null : masks[0], state);
    }

    @Override
    public NativeCrossAttention clone() {
        return new NativeCrossAttention(features, memoryFeatures, heads);
    }

    @Override
    public String toString() {
        return "NativeCrossAttention(features=" + features + ", memoryFeatures=" + memoryFeatures + ", heads=" + heads + ")";
    }
}
