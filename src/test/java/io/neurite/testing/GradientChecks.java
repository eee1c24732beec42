package io.neurite.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Consumer;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The numerical gradient check every custom layer's test calls in one line: the layer between an input of the given
 * type and a softmax output (per step when the layer outputs a sequence), in double precision, its analytic gradients (parameters and,
 * through the output layer's, the error it passes back) against central differences (epsilon 1e-6, max relative error
 * 1e-5).
 */
public final class GradientChecks {
    private GradientChecks() { }

    /** Fails unless {@code layer}'s gradients on a random batch of 3 examples of {@code input} match the numerical ones. */
    public static void assertGradientsCorrect(Layer layer, InputType input) {
        assertGradientsCorrect(layer, input, Set.of());
    }

    /**
     * As {@link #assertGradientsCorrect(Layer, InputType)}, skipping the layer's parameters named in {@code notLearned}:
     * state that is not trained by its gradient, such as batch norm's running mean and variance.
     */
    public static void assertGradientsCorrect(Layer layer, InputType input, Set<String> notLearned) {
        assertTrue(gradientsCorrect(layer, input, notLearned), "gradient check failed for " + layer + " on " + input);
    }

    /** Whether {@code layer}'s analytic gradients match the numerical ones (see {@link #assertGradientsCorrect}). */
    public static boolean gradientsCorrect(Layer layer, InputType input) {
        return gradientsCorrect(layer, input, Set.of());
    }

    private static boolean gradientsCorrect(Layer layer, InputType input, Set<String> notLearned) {
        DataType savedDefault = Nd4j.dataType();
        DataType savedFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return check(layer, input, notLearned);
        } finally {
            Nd4j.setDefaultDataTypes(savedDefault, savedFloat);
        }
    }

    private static boolean check(Layer layer, InputType input, Set<String> notLearned) {
        boolean sequenceOut = layer.getOutputType(0, input).getType() == InputType.Type.RNN;
        Layer out = sequenceOut
                ? new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).build()
                : new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("layer", layer, "in").addLayer("out", out, "layer")
                .setOutputs("out").setInputTypes(input).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        int n = 3;
        long[] shape = input.getShape(true);
        shape[0] = n;
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2);
        INDArray y = sequenceOut ? Nd4j.zeros(DataType.DOUBLE, n, 3, shape[2]) : Nd4j.zeros(DataType.DOUBLE, n, 3);
        Random random = new Random(13);
        for (int i = 0; i < n; i++) {
            if (sequenceOut) {
                for (int t = 0; t < shape[2]; t++) y.putScalar(new long[] {i, random.nextInt(3), t}, 1.0);
            } else {
                y.putScalar(i, random.nextInt(3), 1.0);
            }
        }
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {y})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .excludeParams(notLearned.stream().map(p -> "layer_" + p).collect(Collectors.toSet())));
    }

    /**
     * As {@link #assertGradientsCorrect(Layer, InputType)} for a layer over sequences, with a DL4J SimpleRnn before it
     * (so the error the layer passes back to its input is checked through the RNN's weights) and {@code mask}
     * ([3, steps], 1 real, 0 padded; null for none) on the input and the per-step labels (one label per example when
     * the layer outputs vectors).
     */
    public static void assertSequenceGradientsCorrect(Layer layer, InputType.InputTypeRecurrent input, INDArray mask) {
        boolean vectorOut = layer.getOutputType(0, input).getType() == InputType.Type.FF;
        assertTrue(sequenceGradientsCorrect(g -> g.addLayer("layer", layer, "rnn0"), new InputType.InputTypeRecurrent[] {input},
                new INDArray[] {mask}, vectorOut), "gradient check failed for " + layer + " on " + input);
    }

    /**
     * The same for a two-input vertex (queries, memory), each input read by its own SimpleRnn, each with its mask;
     * the labels take the queries' mask.
     */
    public static void assertSequenceGradientsCorrect(GraphVertex vertex, InputType.InputTypeRecurrent queries,
            INDArray queryMask, InputType.InputTypeRecurrent memory, INDArray memoryMask) {
        assertTrue(sequenceGradientsCorrect(g -> g.addVertex("layer", vertex, "rnn0", "rnn1"),
                new InputType.InputTypeRecurrent[] {queries, memory}, new INDArray[] {queryMask, memoryMask}, false),
                "gradient check failed for " + vertex + " on " + queries + " and " + memory);
    }

    /**
     * The same for a two-input vertex of a vector and a sequence: the vector is {@code toVector} (a layer from
     * sequences to vectors) over a second sequence {@code vectorFrom}; each sequence is read by its own SimpleRnn with
     * its mask, and the labels take {@code sequence}'s steps and mask.
     */
    public static void assertVectorAndSequenceGradientsCorrect(GraphVertex vertex, Layer toVector,
            InputType.InputTypeRecurrent vectorFrom, INDArray vectorMask, InputType.InputTypeRecurrent sequence,
            INDArray sequenceMask) {
        assertTrue(sequenceGradientsCorrect(g -> {
            g.addLayer("vector", toVector, "rnn1");
            g.addVertex("layer", vertex, "vector", "rnn0");
        }, new InputType.InputTypeRecurrent[] {sequence, vectorFrom}, new INDArray[] {sequenceMask, vectorMask}, false),
                "gradient check failed for " + vertex + " on " + toVector + " of " + vectorFrom + " and " + sequence);
    }

    private static boolean sequenceGradientsCorrect(Consumer<ComputationGraphConfiguration.GraphBuilder> middle,
            InputType.InputTypeRecurrent[] inputs, INDArray[] masks, boolean vectorOut) {
        DataType savedDefault = Nd4j.dataType();
        DataType savedFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            int n = 3;
            ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(11)
                    .dataType(DataType.DOUBLE).updater(new NoOp()).graphBuilder();
            INDArray[] x = new INDArray[inputs.length];
            INDArray[] m = new INDArray[inputs.length];
            Nd4j.getRandom().setSeed(12);
            for (int i = 0; i < inputs.length; i++) {
                g.addInputs("in" + i);
                g.addLayer("rnn" + i, new SimpleRnn.Builder().nOut(inputs[i].getSize()).activation(Activation.TANH)
                        .dataFormat(RNNFormat.NCW).build(), "in" + i);
                x[i] = Nd4j.rand(DataType.DOUBLE, n, inputs[i].getSize(), inputs[i].getTimeSeriesLength()).subi(0.5).muli(2);
                m[i] = masks[i] == null ? null : masks[i].castTo(DataType.DOUBLE);
            }
            middle.accept(g);
            g.addLayer("out", vectorOut
                    ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build()
                    : new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                            .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build(), "layer");
            g.setOutputs("out").setInputTypes(inputs);
            ComputationGraph net = new ComputationGraph(g.build());
            net.init();
            long steps = vectorOut ? 1 : inputs[0].getTimeSeriesLength();
            INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 3, steps);
            Random random = new Random(13);
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < steps; t++) y.putScalar(new long[] {i, random.nextInt(3), t}, 1.0);
            }
            if (vectorOut) y = y.reshape(n, 3);
            boolean masked = java.util.Arrays.stream(m).anyMatch(java.util.Objects::nonNull);
            return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net).inputs(x)
                    .labels(new INDArray[] {y}).inputMask(masked ? m : null)
                    .labelMask(m[0] == null || vectorOut ? null : new INDArray[] {m[0]})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
        } finally {
            Nd4j.setDefaultDataTypes(savedDefault, savedFloat);
        }
    }
}
