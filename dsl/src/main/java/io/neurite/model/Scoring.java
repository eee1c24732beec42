package io.neurite.model;

import io.neurite.compile.Sequences;
import io.neurite.data.Dataset;
import io.neurite.eval.Rows;
import io.neurite.eval.Task;
import io.neurite.spec.ModelSpec;
import io.neurite.train.Loss;
import io.neurite.util.NativeMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Inference in batches of {@value #BATCH} (bounding the activations held at once), in the user's layout, and the loss
 * of each output computed from the same predictions, so that scoring needs one forward pass.
 */
final class Scoring {
    /** Examples per forward pass when scoring or predicting. */
    static final int BATCH = 64;
    /** Probabilities are kept in [EPS, 1 - EPS] before a log, as DL4J's own cross-entropy does. */
    private static final double EPS = 1e-10;

    private Scoring() { }

    /** Every output for every example of {@code data}, by output name, in inference mode. */
    static Map<String, INDArray> predict(ComputationGraph net, ModelSpec spec, Dataset data, Binding binding) {
        List<String> inputs = List.copyOf(spec.inputs().keySet());
        Map<String, List<INDArray>> parts = new LinkedHashMap<>();
        for (int from = 0; from < data.size(); from += BATCH) {
            Dataset batch = data.slice(from, Math.min(data.size(), from + BATCH));
            INDArray[] x = new INDArray[inputs.size()];
            INDArray[] masks = new INDArray[inputs.size()];
            boolean masked = false;
            for (int i = 0; i < x.length; i++) {
                String name = binding.features().get(i);
                x[i] = Sequences.toDl4j(batch.features(name), spec.inputs().get(inputs.get(i)));
                masks[i] = batch.mask(name);
                masked |= masks[i] != null;
            }
            INDArray[] out = net.output(false, x, masked ? masks : null);
            for (int o = 0; o < out.length; o++) {
                String name = spec.outputs().get(o);
                parts.computeIfAbsent(name, k -> new ArrayList<>()).add(Sequences.fromDl4j(out[o], spec.shapes().get(name)).dup());
            }
            NativeMemory.collectIfGrown();
        }
        Map<String, INDArray> all = new LinkedHashMap<>();
        parts.forEach((name, list) -> all.put(name, list.size() == 1 ? list.get(0)
                : Nd4j.concat(0, list.toArray(INDArray[]::new))));
        return all;
    }

    /**
     * Mean loss of one output over its examples (over its unmasked steps, for per-step labels), without any L1/L2
     * penalty: sum of L over real rows / number of real rows, with L as {@code loss} defines it.
     */
    static double meanLoss(Loss loss, INDArray labels, INDArray predictions, INDArray mask) {
        INDArray y = Rows.of(labels);
        INDArray p = Rows.of(predictions);
        if (loss.task() == Task.CLASSIFICATION || loss.task() == Task.BINARY) p = Transforms.max(Transforms.min(p, 1 - EPS, true), EPS, false);
        INDArray m = mask == null ? null : mask.dup('c').reshape(new long[] {mask.length(), 1}).castTo(p.dataType());
        double sum = loss.dl4j().computeScoreArray(y.castTo(p.dataType()), p, new ActivationIdentity(), m)
                .sumNumber().doubleValue();
        double count = m == null ? y.size(0) : m.sumNumber().doubleValue();
        return sum / count;
    }
}
