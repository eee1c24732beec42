package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neurite.testing.GradientChecks;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Additive attention, the last-step layer and the vector repeated along a sequence: numerical gradients with padding masks, the attention output against
 * d2l 11.4's formula computed here in plain Java, and padding that changes nothing.
 */
class AdditiveAttentionTest {
    private static InputType.InputTypeRecurrent sequence(long features, long steps) {
        return (InputType.InputTypeRecurrent) InputType.recurrent(features, steps, RNNFormat.NCW);
    }

    /** Three sequences of {@code steps}: full, one padded step, two padded steps. */
    private static INDArray padded(int steps) {
        INDArray m = Nd4j.ones(3, steps);
        m.putScalar(1, steps - 1, 0);
        m.putScalar(2, steps - 1, 0);
        m.putScalar(2, steps - 2, 0);
        return m;
    }

    @Test
    void additiveAttentionGradients() {
        GradientChecks.assertSequenceGradientsCorrect(new NativeAdditiveAttention(4, 3, 5), sequence(4, 5), padded(5),
                sequence(3, 4), padded(4));
        GradientChecks.assertSequenceGradientsCorrect(new NativeAdditiveAttention(2, 3, 2), sequence(2, 3), null,
                sequence(3, 6), null);
    }

    @Test
    void lastStepAndRepeatAlongGradients() {
        GradientChecks.assertSequenceGradientsCorrect(NativeLastStep.create(), sequence(3, 5), padded(5));
        GradientChecks.assertVectorAndSequenceGradientsCorrect(new NativeRepeatAlong(3), NativeLastStep.create(),
                sequence(3, 4), padded(4), sequence(2, 5), padded(5));
    }

    /** queries [n, dq, Tq] attending to memory [n, dm, Tk] with its mask, through a graph holding only the vertex. */
    private static INDArray attend(NativeAdditiveAttention vertex, Map<String, INDArray> params, INDArray queries,
            INDArray memory, INDArray memoryMask) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("q", "m").addVertex("att", vertex, "q", "m").setOutputs("att")
                .setInputTypes(sequence(queries.size(1), queries.size(2)), sequence(memory.size(1), memory.size(2))).build());
        g.init();
        params.forEach((name, value) -> g.getVertex("att").paramTable(false).get(name).assign(value));
        INDArray queryMask = Nd4j.ones(DataType.DOUBLE, queries.size(0), queries.size(2));
        return g.output(false, new INDArray[] {queries, memory}, new INDArray[] {queryMask, memoryMask})[0];
    }

    @Test
    void theOutputIsTheSoftmaxOfAdditiveScoresOverRealStepsTimesTheMemory() {
        int dq = 3, dm = 2, h = 4, tq = 2, tk = 3;
        Nd4j.getRandom().setSeed(5);
        INDArray wq = Nd4j.rand(DataType.DOUBLE, dq, h).subi(0.5);
        INDArray wk = Nd4j.rand(DataType.DOUBLE, dm, h).subi(0.5);
        INDArray wv = Nd4j.rand(DataType.DOUBLE, h, 1).subi(0.5).muli(4);
        INDArray q = Nd4j.rand(DataType.DOUBLE, 1, dq, tq);
        INDArray memory = Nd4j.rand(DataType.DOUBLE, 1, dm, tk).muli(3);
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 0}});                   // the third memory step is padding
        NativeAdditiveAttention vertex = new NativeAdditiveAttention(dq, dm, h);
        Map<String, INDArray> params = Map.of("Wq", wq, "Wk", wk, "wv", wv);
        INDArray out = attend(vertex, params, q, memory, mask);                      // [1, dm, tq]
        for (int i = 0; i < tq; i++) {
            double[] e = new double[2];
            for (int j = 0; j < 2; j++) {
                for (int u = 0; u < h; u++) {
                    double pre = 0;
                    for (int f = 0; f < dq; f++) pre += q.getDouble(0, f, i) * wq.getDouble(f, u);
                    for (int f = 0; f < dm; f++) pre += memory.getDouble(0, f, j) * wk.getDouble(f, u);
                    e[j] += wv.getDouble(u, 0) * Math.tanh(pre);
                }
            }
            double a0 = 1 / (1 + Math.exp(e[1] - e[0]));
            for (int f = 0; f < dm; f++) {
                double expected = a0 * memory.getDouble(0, f, 0) + (1 - a0) * memory.getDouble(0, f, 1);
                assertEquals(expected, out.getDouble(0, f, i), 1e-9, "feature " + f + " of query " + i);
            }
        }
        // padding: more masked steps of any values leave the output as it was, and equal to the unpadded memory's
        INDArray longer = Nd4j.concat(2, memory, Nd4j.rand(DataType.DOUBLE, 1, dm, 2).muli(100));
        INDArray longerMask = Nd4j.create(new double[][] {{1, 1, 0, 0, 0}});
        assertArrayEquals(out.data().asDouble(), attend(vertex, params, q, longer, longerMask).data().asDouble(), 1e-9);
        INDArray unpadded = memory.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup();
        assertArrayEquals(out.data().asDouble(), attend(vertex, params, q, unpadded, Nd4j.ones(DataType.DOUBLE, 1, 2))
                .data().asDouble(), 1e-9);
    }
}
