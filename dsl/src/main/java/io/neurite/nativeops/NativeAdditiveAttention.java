package io.neurite.nativeops;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Additive (Bahdanau) attention of queries [n, dq, Tq] over a memory [n, dm, Tk] (NCW), a two-input graph vertex:
 * e_ij = w_v^T tanh(q_i W_q + k_j W_k) with W_q [dq, h], W_k [dm, h], w_v [h, 1]; a_ij = softmax_j(e_ij + M_j), M_j =
 * -1e9 at padded memory steps; output c_i = sum_j a_ij k_j, [n, dm, Tq], zero at padded query steps and keeping the
 * queries' mask. h (dq + dm + 1) parameters, Xavier-uniform. Its runtime vertex ({@link PerLengthGraphVertex}) defines
 * one graph per pair of lengths met and corrects DL4J M2.1's doubled gradients.
 */
public final class NativeAdditiveAttention extends AttentionOverMemory {
    private static final String[] WEIGHTS = {"Wq", "Wk", "wv"};

    @JsonProperty("hiddens") private int hiddens;

    /** For JSON deserialization only. */
    private NativeAdditiveAttention() { }

    /** Attention of queries of {@code features} over a memory of {@code memoryFeatures}, {@code hiddens} hidden units. */
    public NativeAdditiveAttention(long features, long memoryFeatures, int hiddens) {
        super(features, memoryFeatures);
        if (features < 1 || memoryFeatures < 1 || hiddens < 1) {
            throw new IllegalArgumentException("NativeAdditiveAttention needs positive sizes, got " + features
                    + " query features, " + memoryFeatures + " memory features, " + hiddens + " hiddens");
        }
        this.hiddens = hiddens;
    }

    @JsonProperty("hiddens") public int getHiddens() { return hiddens; }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        super.defineParametersAndInputs(params);
        params.addWeightParam("Wq", features, hiddens);
        params.addWeightParam("Wk", memoryFeatures, hiddens);
        params.addWeightParam("wv", hiddens, 1);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        WeightInitXavier xavier = new WeightInitXavier();
        for (String w : WEIGHTS) {
            INDArray a = params.get(w);
            xavier.init(a.size(0), a.size(1), a.shape(), 'c', a);
        }
    }

    @Override
    public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> inputs, Map<String, SDVariable> params,
            Map<String, SDVariable> masks) {
        SDVariable queries = inputs.get(QUERIES);
        SDVariable memory = inputs.get(MEMORY);
        long tq = queries.getShape()[2];
        long tk = memory.getShape()[2];
        SDVariable keys = memory.permute(0, 2, 1);                                               // [n, Tk, dm]
        SDVariable q = queries.permute(0, 2, 1).reshape(-1, features).mmul(params.get("Wq")).reshape(-1, tq, 1, hiddens);
        SDVariable k = keys.reshape(-1, memoryFeatures).mmul(params.get("Wk")).reshape(-1, 1, tk, hiddens);
        SDVariable hidden = sd.math().tanh(q.add(k));                                           // [n, Tq, Tk, h]
        SDVariable scores = hidden.reshape(-1, hiddens).mmul(params.get("wv")).reshape(-1, tq, tk);
        SDVariable padded = masks.get(MEMORY).castTo(scores.dataType()).rsub(1.0).mul(MultiHeadAttention.MASKED);
        SDVariable weights = sd.nn().softmax(scores.add(padded.reshape(-1, 1, tk)), 2);         // [n, Tq, Tk]
        SDVariable context = sd.mmul(weights, keys).permute(0, 2, 1);                           // [n, dm, Tq]
        return context.mul(masks.get(QUERIES).castTo(scores.dataType()).reshape(-1, 1, tq));
    }

    @Override
    protected long outputFeatures() { return memoryFeatures; }

    @Override
    public NativeAdditiveAttention clone() { return new NativeAdditiveAttention(features, memoryFeatures, hiddens); }

    @Override
    public String toString() {
        return "NativeAdditiveAttention(features=" + features + ", memoryFeatures=" + memoryFeatures + ", hiddens="
                + hiddens + ")";
    }
}
