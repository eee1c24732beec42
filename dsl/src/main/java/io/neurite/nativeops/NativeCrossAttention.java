package io.neurite.nativeops;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Multi-head attention of a sequence of queries [n, d, Tq] over a memory sequence [n, dm, Tk] (NCW), a two-input
 * graph vertex: {@link MultiHeadAttention} with the memory's padding mask on the keys; padded query steps output
 * zeros and the output [n, d, Tq] keeps the queries' mask. 2 d^2 + 2 d dm + 4 d parameters. Its runtime vertex
 * ({@link PerLengthGraphVertex}) defines one graph per pair of lengths met and corrects DL4J M2.1's doubled gradients.
 */
public final class NativeCrossAttention extends AttentionOverMemory {

    @JsonProperty("heads") private int heads;

    /** For JSON deserialization only. */
    private NativeCrossAttention() { }

    /** Attention with {@code heads} heads of queries of {@code features} over a memory of {@code memoryFeatures}. */
    public NativeCrossAttention(long features, long memoryFeatures, int heads) {
        super(features, memoryFeatures);
        if (heads < 1 || features % heads != 0 || memoryFeatures < 1) {
            throw new IllegalArgumentException("NativeCrossAttention: " + features + " query features must split into "
                    + heads + " heads and the memory needs features, got " + memoryFeatures);
        }
        this.heads = heads;
    }

    @JsonProperty("heads") public int getHeads() { return heads; }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        super.defineParametersAndInputs(params);
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
    protected long outputFeatures() { return features; }

    @Override
    public NativeCrossAttention clone() {
        return new NativeCrossAttention(features, memoryFeatures, heads);
    }

    @Override
    public String toString() {
        return "NativeCrossAttention(features=" + features + ", memoryFeatures=" + memoryFeatures + ", heads=" + heads + ")";
    }
}
