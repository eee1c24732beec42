package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Dataset;
import io.neurite.model.Model;
import io.neurite.train.Fit;
import io.neurite.train.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import io.neurite.testing.GradientChecks;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The hand-written layer norm and self-attention against the SameDiff graphs they replaced (kept here as the
 * reference, in double precision): the same outputs, loss, and gradient of every parameter of the network, including
 * a SimpleRnn before the layer (so the error each passes to its input), with and without padding and causal masks.
 */
class HandWrittenLayersTest {
    private static final double TOLERANCE = 1e-10;

    /** The earlier SameDiff self-attention: {@link MultiHeadAttention#attend} with the sequence as queries and memory. */
    static final class SameDiffSelfAttention extends NativeLayer {
        private long features;
        private int heads;
        private boolean causal;

        private SameDiffSelfAttention() { }

        SameDiffSelfAttention(int heads, boolean causal) {
            this.heads = heads;
            this.causal = causal;
        }

        @Override public boolean unrollsSteps() { return true; }

        @Override
        public void defineParameters(SDLayerParams params) {
            params.clear();
            MultiHeadAttention.defineParameters(params, features, features);
        }

        @Override public void initializeParameters(Map<String, INDArray> params) { MultiHeadAttention.initialize(params); }

        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
            long steps = input.getShape()[2];
            SDVariable out = MultiHeadAttention.attend(sd, input, input, mask, params, heads, features, steps, steps, causal);
            return out.mul(mask.reshape(-1, 1, steps));
        }

        @Override public InputType getOutputType(int layerIndex, InputType inputType) { return inputType; }

        @Override
        public void setNIn(InputType inputType, boolean override) {
            features = ((InputType.InputTypeRecurrent) inputType).getSize();
        }

        @Override
        public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
            return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName());
        }
    }

    /** The earlier SameDiff layer normalization over dimension 1. */
    static final class SameDiffLayerNorm extends NativeLayer {
        private long features;
        private boolean sequence;

        SameDiffLayerNorm() { }

        @Override
        public void defineParameters(SDLayerParams params) {
            params.clear();
            params.addWeightParam("gamma", 1, features);
            params.addBiasParam("beta", 1, features);
        }

        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            params.get("gamma").assign(1);
            params.get("beta").assign(0);
        }

        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
            SDVariable centred = input.sub(input.mean(true, 1));
            SDVariable deviation = sd.math().sqrt(centred.mul(centred).mean(true, 1).add(1e-5));
            long[] perFeature = sequence ? new long[] {1, features, 1} : new long[] {1, features};
            return centred.div(deviation).mul(params.get("gamma").reshape(perFeature))
                    .add(params.get("beta").reshape(perFeature));
        }

        @Override public InputType getOutputType(int layerIndex, InputType inputType) { return inputType; }

        @Override
        public void setNIn(InputType inputType, boolean override) {
            sequence = inputType instanceof InputType.InputTypeRecurrent;
            features = sequence ? ((InputType.InputTypeRecurrent) inputType).getSize()
                    : ((InputType.InputTypeFeedForward) inputType).getSize();
        }

        @Override
        public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
            return sequence ? InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName()) : null;
        }
    }

    /** Three sequences of {@code steps}: full, one padded step, three padded steps. */
    private static INDArray padded(int steps) {
        INDArray m = Nd4j.ones(DataType.DOUBLE, 3, steps);
        m.putScalar(1, steps - 1, 0);
        for (int t = steps - 3; t < steps; t++) m.putScalar(2, t, 0);
        return m;
    }

    /** in -> SimpleRnn(features) -> layer -> per-step softmax over 3 classes (or dense, layer, softmax for vectors). */
    private static ComputationGraph network(Layer layer, int features, int steps) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(11)
                .dataType(DataType.DOUBLE).updater(new NoOp()).graphBuilder().addInputs("in");
        if (steps > 0) {
            g.addLayer("first", new SimpleRnn.Builder().nOut(features).activation(Activation.TANH)
                    .dataFormat(RNNFormat.NCW).build(), "in").addLayer("layer", layer, "first")
                    .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                            .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build(), "layer")
                    .setInputTypes(InputType.recurrent(features, steps, RNNFormat.NCW));
        } else {
            g.addLayer("first", new DenseLayer.Builder().nOut(features).activation(Activation.TANH).build(), "in")
                    .addLayer("layer", layer, "first")
                    .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                            .activation(Activation.SOFTMAX).build(), "layer")
                    .setInputTypes(InputType.feedForward(features));
        }
        ComputationGraph net = new ComputationGraph(g.setOutputs("out").build());
        net.init();
        return net;
    }

    /**
     * The two layers in the same network with the same parameters (random, so gamma and beta are not 1 and 0) on the
     * same batch of 3: outputs, loss and the flat gradient of all parameters equal.
     */
    private static void assertSameAsReference(Layer handWritten, Layer reference, int features, int steps, INDArray mask) {
        DataType savedDefault = Nd4j.dataType();
        DataType savedFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraph expected = network(reference, features, steps);
            ComputationGraph actual = network(handWritten, features, steps);
            Nd4j.getRandom().setSeed(5);
            expected.setParams(Nd4j.rand(DataType.DOUBLE, 1, expected.numParams()).subi(0.5));
            assertEquals(expected.numParams(), actual.numParams());
            actual.setParams(expected.params().dup());
            INDArray x = steps > 0 ? Nd4j.rand(DataType.DOUBLE, 3, features, steps).subi(0.5).muli(4)
                    : Nd4j.rand(DataType.DOUBLE, 3, features).subi(0.5).muli(4);
            INDArray y = steps > 0 ? Nd4j.zeros(DataType.DOUBLE, 3, 3, steps) : Nd4j.zeros(DataType.DOUBLE, 3, 3);
            Random random = new Random(7);
            for (int i = 0; i < 3; i++) {
                for (int t = 0; t < Math.max(steps, 1); t++) {
                    if (steps > 0) y.putScalar(new long[] {i, random.nextInt(3), t}, 1.0);
                    else y.putScalar(i, random.nextInt(3), 1.0);
                }
            }
            INDArray[] masks = mask == null ? null : new INDArray[] {mask};
            assertArrayEquals(expected.output(false, new INDArray[] {x}, masks)[0].data().asDouble(),
                    actual.output(false, new INDArray[] {x}, masks)[0].data().asDouble(), TOLERANCE, "outputs");
            double[] scores = new double[2];
            INDArray[] gradients = new INDArray[2];
            ComputationGraph[] nets = {expected, actual};
            for (int k = 0; k < 2; k++) {
                nets[k].setInputs(x);
                nets[k].setLabels(y);
                nets[k].setLayerMaskArrays(masks, masks);
                nets[k].computeGradientAndScore();
                scores[k] = nets[k].score();
                gradients[k] = nets[k].gradient().gradient().dup();
            }
            assertEquals(scores[0], scores[1], TOLERANCE, "loss");
            assertArrayEquals(gradients[0].data().asDouble(), gradients[1].data().asDouble(), TOLERANCE, "gradients");
        } finally {
            Nd4j.setDefaultDataTypes(savedDefault, savedFloat);
        }
    }

    @Test
    void selfAttentionEqualsTheSameDiffGraph() {
        assertSameAsReference(NativeSelfAttention.of(2, false), new SameDiffSelfAttention(2, false), 8, 6, null);
        assertSameAsReference(NativeSelfAttention.of(2, false), new SameDiffSelfAttention(2, false), 8, 6, padded(6));
        assertSameAsReference(NativeSelfAttention.of(4, true), new SameDiffSelfAttention(4, true), 8, 6, padded(6));
        assertSameAsReference(NativeSelfAttention.of(1, true), new SameDiffSelfAttention(1, true), 6, 5, null);
    }

    @Test
    void layerNormEqualsTheSameDiffGraph() {
        assertSameAsReference(NativeLayerNorm.of(1e-5), new SameDiffLayerNorm(), 6, 5, padded(5));
        assertSameAsReference(NativeLayerNorm.of(1e-5), new SameDiffLayerNorm(), 6, 5, null);
        assertSameAsReference(NativeLayerNorm.of(1e-5), new SameDiffLayerNorm(), 7, 0, null);
    }

    /**
     * A model file saved when both layers were SameDiff layers (src/test/resources/legacy, written by
     * MakeSameDiffTransformer.java at main 0a32b1a: an encoder block, then causal self-attention, add and norm, dense
     * 3, trained one Adam epoch) loads, predicts what the SameDiff layers predicted, and goes on training.
     */
    @Test
    void modelsSavedWithTheSameDiffLayersLoadAndPredictTheSame() throws java.io.IOException {
        Path dir = Path.of("src/test/resources/legacy");
        Model model = Model.load(dir.resolve("transformer-samediff.zip"));
        INDArray x = Nd4j.create(DataType.DOUBLE, 2, 4, 8);
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < 4; t++) {
                for (int f = 0; f < 8; f++) x.putScalar(new long[] {i, t, f}, Math.sin(1 + 0.7 * i + 0.3 * t + 0.11 * f));
            }
        }
        double[] expected = Files.readAllLines(dir.resolve("transformer-samediff-predictions.txt")).stream()
                .mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(expected, model.predict(Map.of("x", x)).get(model.spec().outputs().get(0)).data().asDouble(), 1e-12);
        String output = model.spec().outputs().get(0);
        History h = model.fit(Dataset.of(Map.of("x", x), Map.of(output, Nd4j.zeros(DataType.DOUBLE, 2, 4, 3))),
                Fit.epochs(5).quiet());
        assertTrue(h.metric("loss")[4] < h.metric("loss")[0] * 0.9, "loss per epoch " + Arrays.toString(h.metric("loss")));
    }

    @Test
    void selfAttentionGradientsWithPaddingAlone() {
        GradientChecks.assertSequenceGradientsCorrect(NativeSelfAttention.of(2, false),
                (InputType.InputTypeRecurrent) InputType.recurrent(4, 5, RNNFormat.NCW), padded(5));
    }
}
