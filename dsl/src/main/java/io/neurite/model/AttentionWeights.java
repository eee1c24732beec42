package io.neurite.model;

import io.neurite.compile.Sequences;
import io.neurite.layers.CrossAttention;
import io.neurite.layers.SelfAttention;
import io.neurite.spec.NodeSpec;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What an attention layer of a model looks at: for each example, head, query step i and key step j the weight
 * a_ij = softmax_j(q_i . k_j / sqrt(d / heads)) (keys after i left out by a causal layer), computed from the layer's
 * parameters and the inputs it receives. Sequences are taken whole (no padding).
 */
public final class AttentionWeights {
    private AttentionWeights() { }

    /** The weights [n, heads, query steps, key steps] of {@code layerName} in a one-input model for {@code features}. */
    public static INDArray of(Model model, String layerName, INDArray features) {
        return of(model, layerName, Map.of(model.spec().inputs().keySet().iterator().next(), features));
    }

    /** The weights [n, heads, query steps, key steps] of {@code layerName} for the model inputs given by name. */
    public static INDArray of(Model model, String layerName, Map<String, INDArray> inputs) {
        NodeSpec node = model.spec().node(layerName);
        int heads;
        boolean causal = false;
        if (node.layer() instanceof SelfAttention s) {
            heads = s.heads();
            causal = s.causal();
        } else if (node.layer() instanceof CrossAttention c) {
            heads = c.heads();
        } else {
            throw new IllegalArgumentException("layer '" + layerName + "' is a " + node.layer().type()
                    + ", not an attention layer (SelfAttention or CrossAttention)");
        }
        INDArray[] dl4j = model.spec().inputs().entrySet().stream()
                .map(e -> Sequences.toDl4j(requireInput(inputs, e.getKey()), e.getValue())).toArray(INDArray[]::new);
        Map<String, INDArray> acts = model.network().feedForward(dl4j, false, false);
        Map<String, INDArray> params = model.network().getVertex(layerName).paramTable(false);
        INDArray queries = acts.get(node.inputs().get(0));                    // [n, d, Tq]
        INDArray keysFrom = acts.get(node.inputs().get(node.inputs().size() - 1));
        INDArray q = project(queries, params.get("Wq"), params.get("bq"));   // [n, Tq, d]
        INDArray k = project(keysFrom, params.get("Wk"), params.get("bk"));
        long n = q.size(0), tq = q.size(1), tk = k.size(1), d = q.size(2), dk = d / heads;
        INDArray weights = Nd4j.zeros(DataType.DOUBLE, n, heads, tq, tk);
        for (long e = 0; e < n; e++) {
            for (int h = 0; h < heads; h++) {
                for (long i = 0; i < tq; i++) {
                    double[] row = new double[(int) tk];
                    double max = Double.NEGATIVE_INFINITY;
                    for (long j = 0; j < tk; j++) {
                        if (causal && j > i) continue;
                        double dot = 0;
                        for (long f = h * dk; f < (h + 1) * dk; f++) dot += q.getDouble(e, i, f) * k.getDouble(e, j, f);
                        row[(int) j] = dot / Math.sqrt(dk);
                        max = Math.max(max, row[(int) j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < tk; j++) {
                        row[j] = causal && j > i ? 0 : Math.exp(row[j] - max);
                        sum += row[j];
                    }
                    for (int j = 0; j < tk; j++) weights.putScalar(new long[] {e, h, i, j}, row[j] / sum);
                }
            }
        }
        return weights;
    }

    /** x [n, f, T] (DL4J's layout) to x^T W + b, [n, T, d], in double precision. */
    private static INDArray project(INDArray x, INDArray w, INDArray b) {
        INDArray rows = x.castTo(DataType.DOUBLE).permute(0, 2, 1).dup('c').reshape(x.size(0) * x.size(2), x.size(1));
        INDArray y = rows.mmul(w.castTo(DataType.DOUBLE)).addiRowVector(b.castTo(DataType.DOUBLE).reshape(w.size(1)));
        return y.reshape(x.size(0), x.size(2), w.size(1));
    }

    private static INDArray requireInput(Map<String, INDArray> inputs, String name) {
        INDArray a = inputs.get(name);
        if (a == null) throw new IllegalArgumentException("no array given for model input '" + name + "'; given: " + inputs.keySet());
        return a;
    }
}
