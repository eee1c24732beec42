package io.neurite.nativeops;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multi-head scaled dot-product attention: the parameters {@link NativeSelfAttention} and {@link NativeCrossAttention}
 * share, and the graph of the latter, written with SameDiff primitives (matmul, softmax); the former computes the
 * same formula by hand ({@link SelfAttentionRuntime}) and is tested against this graph with its causal mask. Queries X [n, d, Tq], memory Y [n, dm, Tk] (NCW):
 * Q = X^T W_q + b_q, K = Y^T W_k + b_k, V = Y^T W_v + b_v ([*, d]), split into h heads of d / h features;
 * A_i = softmax(Q_i K_i^T / sqrt(d / h) + M), head_i = A_i V_i, output concat_i(head_i) W_o + b_o, back to [n, d, Tq].
 * M is -1e9 at padded memory steps (mask 0) and, when causal, where the key's step is after the query's. Parameters:
 * W_q [d, d], W_k and W_v [dm, d], W_o [d, d], four biases [d] (Xavier weights, zero biases, as PyTorch).
 */
final class MultiHeadAttention {
    /** The additive mask value for a key that must not be read (exp(-1e9) is 0 in float and double). */
    static final double MASKED = -1e9;
    private static final String[] WEIGHTS = {"Wq", "Wk", "Wv", "Wo"};
    private static final String[] BIASES = {"bq", "bk", "bv", "bo"};

    private MultiHeadAttention() { }

    /** Declares the parameters for queries of {@code d} features over a memory of {@code dm} features. */
    static void defineParameters(SDLayerParams params, long d, long dm) {
        params.addWeightParam("Wq", d, d);
        params.addWeightParam("Wk", dm, d);
        params.addWeightParam("Wv", dm, d);
        params.addWeightParam("Wo", d, d);
        for (String b : BIASES) params.addBiasParam(b, 1, d);
    }

    /** Xavier-uniform weights (fan in and fan out of each matrix), zero biases. */
    static void initialize(Map<String, INDArray> params) {
        WeightInitXavier xavier = new WeightInitXavier();
        for (String w : WEIGHTS) {
            INDArray a = params.get(w);
            xavier.init(a.size(0), a.size(1), a.shape(), 'c', a);
        }
        for (String b : BIASES) params.get(b).assign(0);
    }

    /**
     * The attention output [n, d, Tq] of queries [n, d, Tq] over memory [n, dm, Tk] whose mask is [n, Tk]
     * (1 real, 0 padded), with {@code tq} and {@code tk} the (fixed) steps of this graph; {@code causal} also hides
     * each query's later keys. {@link NativeCrossAttention} runs on it; the tests hold the hand-written
     * {@link NativeSelfAttention} (masks causal or not) against it.
     */
    static SDVariable attend(SameDiff sd, SDVariable queries, SDVariable memory, SDVariable memoryMask,
            Map<String, SDVariable> p, int heads, long d, long tq, long tk, boolean causal) {
        long dk = d / heads;
        SDVariable q = split(project(queries, p.get("Wq"), p.get("bq")), heads, tq, dk);      // [n, h, Tq, dk]
        SDVariable k = split(project(memory, p.get("Wk"), p.get("bk")), heads, tk, dk);       // [n, h, Tk, dk]
        SDVariable v = split(project(memory, p.get("Wv"), p.get("bv")), heads, tk, dk);
        SDVariable scores = sd.mmul(q, k, false, true, false).div(Math.sqrt(dk));             // [n, h, Tq, Tk]
        SDVariable masked = scores.add(memoryMask.rsub(1.0).mul(MASKED).reshape(-1, 1, 1, tk));
        if (causal) masked = masked.add(sd.constant(causalMask(tq, tk, scores.dataType())));
        SDVariable weights = sd.nn().softmax(masked, 3);
        SDVariable joined = sd.mmul(weights, v).permute(0, 2, 1, 3).reshape(-1, d);         // [n Tq, d]
        SDVariable out = joined.mmul(p.get("Wo")).add(p.get("bo"));
        return out.reshape(-1, tq, d).permute(0, 2, 1);                                        // [n, d, Tq]
    }

    /** x [n, f, T] to x^T W + b, [n T, d]. */
    private static SDVariable project(SDVariable x, SDVariable w, SDVariable b) {
        return x.permute(0, 2, 1).reshape(-1, w.getShape()[0]).mmul(w).add(b);
    }

    /** [n T, d] to [n, heads, T, d / heads]. */
    private static SDVariable split(SDVariable x, int heads, long steps, long dk) {
        return x.reshape(-1, steps, heads, dk).permute(0, 2, 1, 3);
    }

    /** [tq, tk]: 0 where key step j <= query step i, {@link #MASKED} after it. */
    static INDArray causalMask(long tq, long tk, org.nd4j.linalg.api.buffer.DataType type) {
        INDArray m = Nd4j.zeros(type, tq, tk);
        for (long i = 0; i < tq; i++) {
            for (long j = i + 1; j < tk; j++) m.putScalar(i, j, MASKED);
        }
        return m;
    }
}
