package io.neurite.model;

import io.neurite.compile.Sequences;
import io.neurite.layers.AdditiveAttention;
import io.neurite.layers.CrossAttention;
import io.neurite.layers.SelfAttention;
import io.neurite.spec.NodeSpec;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What an attention layer of a model looks at: for each example, head, query step i and key step j the weight
 * a_ij = softmax_j(s_ij), computed from the layer's parameters and the inputs it receives, with the score
 * s_ij = q_i . k_j / sqrt(d / heads) of the dot-product layers (keys after i left out by a causal layer) or
 * w_v^T tanh(W_q q_i + W_k k_j) of {@link AdditiveAttention} (one head). Keys at padded steps of the input the memory
 * is computed from get weight 0.
 */
public final class AttentionWeights {
    private AttentionWeights() { }

    /** The weights [n, heads, query steps, key steps] of {@code layerName} in a one-input model for {@code features}. */
    public static INDArray of(Model model, String layerName, INDArray features) {
        return of(model, layerName, Map.of(model.spec().inputs().keySet().iterator().next(), features));
    }

    /** The weights [n, heads, query steps, key steps] of {@code layerName} for the model inputs given by name. */
    public static INDArray of(Model model, String layerName, Map<String, INDArray> inputs) {
        return of(model, layerName, inputs, Map.of());
    }

    /**
     * The weights [n, heads, query steps, key steps] of {@code layerName} for the model inputs given by name, with
     * sequence masks [n, steps] (1 real, 0 padded) for some of them.
     */
    public static INDArray of(Model model, String layerName, Map<String, INDArray> inputs, Map<String, INDArray> masks) {
        NodeSpec node = model.spec().node(layerName);
        int heads = 1;
        boolean causal = false;
        if (node.layer() instanceof SelfAttention s) {
            heads = s.heads();
            causal = s.causal();
        } else if (node.layer() instanceof CrossAttention c) {
            heads = c.heads();
        } else if (!(node.layer() instanceof AdditiveAttention)) {
            throw new IllegalArgumentException("layer '" + layerName + "' is a " + node.layer().type()
                    + ", not an attention layer (SelfAttention, CrossAttention or AdditiveAttention)");
        }
        INDArray[] dl4j = model.spec().inputs().entrySet().stream()
                .map(e -> Sequences.toDl4j(requireInput(inputs, e.getKey()), e.getValue())).toArray(INDArray[]::new);
        INDArray[] dl4jMasks = model.spec().inputs().keySet().stream().map(masks::get).toArray(INDArray[]::new);
        model.network().setLayerMaskArrays(masks.isEmpty() ? null : dl4jMasks, null);
        Map<String, INDArray> acts;
        try {
            acts = model.network().feedForward(dl4j, false, false);
        } finally {
            model.network().clearLayerMaskArrays();
        }
        Map<String, INDArray> params = model.network().getVertex(layerName).paramTable(false);
        String memory = node.inputs().get(node.inputs().size() - 1);
        INDArray keyMask = masks.get(sourceInput(model, memory));
        INDArray queries = acts.get(node.inputs().get(0));                    // [n, d, Tq]
        INDArray keysFrom = acts.get(memory);
        if (node.layer() instanceof AdditiveAttention) return additive(queries, keysFrom, params, keyMask);
        INDArray q = project(queries, params.get("Wq"), params.get("bq"));   // [n, Tq, d]
        INDArray k = project(keysFrom, params.get("Wk"), params.get("bk"));
        long n = q.size(0), tq = q.size(1), tk = k.size(1), d = q.size(2), dk = d / heads;
        INDArray scores = Nd4j.zeros(DataType.DOUBLE, n, heads, tq, tk);
        for (long e = 0; e < n; e++) {
            for (int h = 0; h < heads; h++) {
                for (long i = 0; i < tq; i++) {
                    for (long j = 0; j < tk; j++) {
                        double dot = 0;
                        for (long f = h * dk; f < (h + 1) * dk; f++) dot += q.getDouble(e, i, f) * k.getDouble(e, j, f);
                        boolean hidden = causal && j > i;
                        scores.putScalar(new long[] {e, h, i, j}, hidden ? Double.NEGATIVE_INFINITY : dot / Math.sqrt(dk));
                    }
                }
            }
        }
        return softmax(scores, keyMask);
    }

    /** One head: s_ij = w_v^T tanh(q_i W_q + k_j W_k), [n, 1, Tq, Tk]. */
    private static INDArray additive(INDArray queries, INDArray memory, Map<String, INDArray> params, INDArray keyMask) {
        INDArray q = project(queries, params.get("Wq"), null);               // [n, Tq, h]
        INDArray k = project(memory, params.get("Wk"), null);                // [n, Tk, h]
        INDArray wv = params.get("wv").castTo(DataType.DOUBLE);
        long n = q.size(0), tq = q.size(1), tk = k.size(1), hiddens = q.size(2);
        INDArray scores = Nd4j.zeros(DataType.DOUBLE, n, 1, tq, tk);
        for (long e = 0; e < n; e++) {
            for (long i = 0; i < tq; i++) {
                for (long j = 0; j < tk; j++) {
                    double s = 0;
                    for (long u = 0; u < hiddens; u++) s += wv.getDouble(u, 0) * Math.tanh(q.getDouble(e, i, u) + k.getDouble(e, j, u));
                    scores.putScalar(new long[] {e, 0, i, j}, s);
                }
            }
        }
        return softmax(scores, keyMask);
    }

    /** Softmax over the last axis of scores [n, heads, Tq, Tk], keys where {@code keyMask} [n, Tk] is 0 left out. */
    private static INDArray softmax(INDArray scores, INDArray keyMask) {
        long[] s = scores.shape();
        INDArray out = Nd4j.zeros(DataType.DOUBLE, s);
        for (long e = 0; e < s[0]; e++) {
            for (long h = 0; h < s[1]; h++) {
                for (long i = 0; i < s[2]; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    double[] row = new double[(int) s[3]];
                    for (int j = 0; j < s[3]; j++) {
                        boolean padded = keyMask != null && keyMask.getDouble(e, j) == 0;
                        row[j] = padded ? Double.NEGATIVE_INFINITY : scores.getDouble(e, h, i, j);
                        max = Math.max(max, row[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < row.length; j++) {
                        row[j] = row[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(row[j] - max);
                        sum += row[j];
                    }
                    for (int j = 0; j < row.length; j++) out.putScalar(new long[] {e, h, i, j}, row[j] / sum);
                }
            }
        }
        return out;
    }

    /** The model input that {@code name} is computed from, following each layer's first input. */
    private static String sourceInput(Model model, String name) {
        while (!model.spec().inputs().containsKey(name)) name = model.spec().node(name).inputs().get(0);
        return name;
    }

    /** x [n, f, T] (DL4J's layout) to x^T W + b (b may be null), [n, T, d], in double precision. */
    private static INDArray project(INDArray x, INDArray w, INDArray b) {
        INDArray rows = x.castTo(DataType.DOUBLE).permute(0, 2, 1).dup('c').reshape(x.size(0) * x.size(2), x.size(1));
        INDArray y = rows.mmul(w.castTo(DataType.DOUBLE));
        if (b != null) y.addiRowVector(b.castTo(DataType.DOUBLE).reshape(w.size(1)));
        return y.reshape(x.size(0), x.size(2), w.size(1));
    }

    private static INDArray requireInput(Map<String, INDArray> inputs, String name) {
        INDArray a = inputs.get(name);
        if (a == null) throw new IllegalArgumentException("no array given for model input '" + name + "'; given: " + inputs.keySet());
        return a;
    }
}
