package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.compile.Sequences;
import io.neurite.core.Shape;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The attention words in models: PyTorch's parameter counts, layer norm and attention against hand computations,
 * causal masks and padding masks.
 */
class AttentionModelTest {
    private static final int D = 8;

    /** PyTorch's nn.MultiheadAttention(d, heads, kdim=dm, vdim=dm): q, k, v, out projections and their biases. */
    private static long pytorchAttention(long d, long dm) { return d * d + 2 * dm * d + 3 * d + d * d + d; }

    /** nn.Linear(in, out): weight and bias. */
    private static long linear(long in, long out) { return in * out + out; }

    /** nn.LayerNorm(d): weight and bias. */
    private static long layerNorm(long d) { return 2 * d; }

    private static Model compiled(GraphBuilder g) {
        return g.dataType(DataType.DOUBLE).seed(7).build().compile(Loss.mse(), Optimizer.sgd(0.1));
    }

    @Test
    void parameterCountsArePyTorchs() {
        Model attention = Model.sequential("mha").input(Shape.sequence(5, D)).selfAttention(2).build();
        assertEquals(4 * D * D + 4 * D, attention.summaryTable().row("selfattention_1").params());
        assertEquals(pytorchAttention(D, D), 4 * D * D + 4 * D);

        GraphBuilder enc = Model.graph("encoder");
        enc.output(Transformer.encoderBlock(enc.input("x", Shape.sequence(5, D)), 2, 32));
        // nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=32): self_attn, linear1, linear2, norm1, norm2
        assertEquals(pytorchAttention(D, D) + linear(D, 32) + linear(32, D) + 2 * layerNorm(D), enc.build().paramCount());

        GraphBuilder dec = Model.graph("decoder");
        Node memory = dec.input("memory", Shape.sequence(7, 6));
        dec.output(Transformer.decoderBlock(dec.input("y", Shape.sequence(5, D)), memory, 2, 32));
        // nn.TransformerDecoderLayer's self_attn, multihead_attn (kdim = vdim = 6), linear1, linear2, norm1..norm3
        assertEquals(pytorchAttention(D, D) + pytorchAttention(D, 6) + linear(D, 32) + linear(32, D) + 3 * layerNorm(D),
                dec.build().paramCount());
    }

    @Test
    void layerNormEqualsTheFormulaByHand() {
        Model m = Model.sequential("ln").input(Shape.sequence(2, 4)).dataType(DataType.DOUBLE).layerNorm().build()
                .compile(Loss.mse(), Optimizer.sgd(0.1));
        var layer = m.network().getLayer("layernorm_1");
        layer.getParam("gamma").assign(Nd4j.create(new double[][] {{1, 2, 3, 4}}));
        layer.getParam("beta").assign(Nd4j.create(new double[][] {{0.5, 0, 0, -1}}));
        INDArray out = m.predict(Nd4j.create(new double[][][] {{{1, 2, 3, 4}, {0, 0, 0, 8}}}));
        // step 0: mean 2.5, variance 1.25; step 1: mean 2, variance (3 * 4 + 36) / 4 = 12
        double s0 = Math.sqrt(1.25 + 1e-5);
        double s1 = Math.sqrt(12 + 1e-5);
        double[][] expected = {{-1.5 / s0 + 0.5, 2 * -0.5 / s0, 3 * 0.5 / s0, 4 * 1.5 / s0 - 1},
                               {-2 / s1 + 0.5, 2 * -2 / s1, 3 * -2 / s1, 4 * 6 / s1 - 1}};
        assertTrue(Nd4j.create(new double[][][] {expected}).equalsWithEps(out, 1e-9), out.toString());
    }

    /** Self-attention (2 heads) on a batch whose second sequence has a padded last step, against loops by hand. */
    @Test
    void attentionEqualsTheFormulaByHandWithPaddingAndCausalMasks() {
        for (boolean causal : new boolean[] {false, true}) {
            var s = Model.sequential("att").input(Shape.sequence(3, 4)).dataType(DataType.DOUBLE).seed(3);
            Model m = (causal ? s.causalSelfAttention(2) : s.selfAttention(2)).build().compile(Loss.mse(), Optimizer.sgd(0.1));
            var layer = m.network().getLayer("selfattention_1");
            Nd4j.getRandom().setSeed(4);
            for (String b : new String[] {"bq", "bk", "bv", "bo"}) layer.getParam(b).assign(Nd4j.rand(DataType.DOUBLE, 1, 4));
            INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4).subi(0.5).muli(2);
            INDArray mask = Nd4j.create(new double[][] {{1, 1, 1}, {1, 1, 0}});
            INDArray out = output(m, x, mask);
            for (int n = 0; n < 2; n++) {
                double[][] expected = byHand(x.slice(n).toDoubleMatrix(), mask.getRow(n).toDoubleVector(), layer, 2, causal);
                INDArray actual = out.slice(n);
                assertTrue(Nd4j.create(expected).equalsWithEps(actual, 1e-9), "causal " + causal + ": " + actual
                        + " vs " + java.util.Arrays.deepToString(expected));
            }
        }
    }

    /** softmax(Q_h K_h^T / sqrt(dk)) V_h per head over the real (and, if causal, earlier) keys, then W_o; zeros at padding. */
    private static double[][] byHand(double[][] x, double[] mask, org.deeplearning4j.nn.api.Layer layer, int heads,
            boolean causal) {
        int t = x.length;
        int d = x[0].length;
        int dk = d / heads;
        double[][] q = affine(x, layer.getParam("Wq"), layer.getParam("bq"));
        double[][] k = affine(x, layer.getParam("Wk"), layer.getParam("bk"));
        double[][] v = affine(x, layer.getParam("Wv"), layer.getParam("bv"));
        double[][] joined = new double[t][d];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < t; i++) {
                double[] w = new double[t];
                double sum = 0;
                for (int j = 0; j < t; j++) {
                    if (mask[j] == 0 || causal && j > i) continue;
                    double dot = 0;
                    for (int f = h * dk; f < (h + 1) * dk; f++) dot += q[i][f] * k[j][f];
                    w[j] = Math.exp(dot / Math.sqrt(dk));
                    sum += w[j];
                }
                for (int j = 0; j < t; j++) {
                    for (int f = h * dk; f < (h + 1) * dk; f++) joined[i][f] += w[j] / sum * v[j][f];
                }
            }
        }
        double[][] out = affine(joined, layer.getParam("Wo"), layer.getParam("bo"));
        for (int i = 0; i < t; i++) {
            if (mask[i] == 0) java.util.Arrays.fill(out[i], 0);
        }
        return out;
    }

    private static double[][] affine(double[][] x, INDArray w, INDArray b) {
        double[][] y = new double[x.length][(int) w.size(1)];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < y[i].length; o++) {
                y[i][o] = b.getDouble(o);
                for (int f = 0; f < x[i].length; f++) y[i][o] += x[i][f] * w.getDouble(f, o);
            }
        }
        return y;
    }

    /** The output of a one-input model in the user's layout, computed with {@code mask} (null: none). */
    private static INDArray output(Model m, INDArray x, INDArray mask) {
        Shape in = m.spec().inputs().values().iterator().next();
        Shape out = m.spec().shapes().get(m.spec().outputs().get(0));
        INDArray dl4j = m.network().output(false, new INDArray[] {Sequences.toDl4j(x, in)},
                mask == null ? null : new INDArray[] {mask})[0];
        return Sequences.fromDl4j(dl4j, out);
    }

    /** A token model: embedding, positional encoding, a (causal or not) attention block, a softmax over 20 tokens. */
    private static Model tokenModel(boolean causal) {
        GraphBuilder g = Model.graph(causal ? "causal" : "bidirectional");
        Node x = g.input("tokens", Shape.tokens(6, 20)).embedding(D).positionalEncoding();
        Node a = (causal ? x.causalSelfAttention(2) : x.selfAttention(2)).add(x).layerNorm();
        Node y = a.positionWiseFeedForward(16, D).add(a).layerNorm();
        g.output(y.dense(20).softmax());
        return compiled(g);
    }

    @Test
    void aCausalModelsStepTIgnoresLaterTokens() {
        INDArray tokens = Nd4j.create(new double[][] {{3, 1, 4, 1, 5, 9}});
        INDArray changed = tokens.dup();
        changed.putScalar(0, 4, 17);
        for (boolean causal : new boolean[] {true, false}) {
            Model m = tokenModel(causal);
            INDArray before = m.predict(tokens);
            INDArray after = m.predict(changed);
            double early = before.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4)).distance1(
                    after.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4)));
            double at = before.get(NDArrayIndex.all(), NDArrayIndex.point(4)).distance1(
                    after.get(NDArrayIndex.all(), NDArrayIndex.point(4)));
            assertTrue(at > 1e-3, "the changed step's output changes: " + at);
            if (causal) assertTrue(early < 1e-12, "steps 0-3 of a causal model changed by " + early);
            else assertTrue(early > 1e-3, "steps 0-3 of a bidirectional model read step 4: " + early);
        }
    }

    /**
     * An encoder block and a decoder block over padded batches: the real steps' outputs equal those of the sequences
     * alone, whatever the padding holds.
     */
    @Test
    void paddedStepsChangeNoRealOutput() {
        GraphBuilder g = Model.graph("enc");
        Node x = g.input("x", Shape.sequence(Shape.VARIABLE, D));
        g.output(Transformer.encoderBlock(x.positionalEncoding(), 2, 16));
        Model encoder = compiled(g);
        Nd4j.getRandom().setSeed(5);
        INDArray batch = Nd4j.rand(DataType.DOUBLE, 2, 5, D).subi(0.5);
        batch.get(NDArrayIndex.point(1), NDArrayIndex.interval(3, 5), NDArrayIndex.all()).assign(7.0);
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}});
        INDArray alone = batch.get(NDArrayIndex.interval(1, 2), NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup();
        INDArray real = output(encoder, batch, mask).get(NDArrayIndex.interval(1, 2), NDArrayIndex.interval(0, 3),
                NDArrayIndex.all());
        assertTrue(output(encoder, alone, null).equalsWithEps(real, 1e-9), real + " vs alone");
        INDArray unmasked = output(encoder, batch, null).get(NDArrayIndex.interval(1, 2), NDArrayIndex.interval(0, 3),
                NDArrayIndex.all());
        assertTrue(unmasked.distance1(real) > 1e-2, "without the mask the padding is read");

        GraphBuilder d = Model.graph("dec");
        Node memory = d.input("memory", Shape.sequence(Shape.VARIABLE, 6));
        d.output(Transformer.decoderBlock(d.input("y", Shape.sequence(Shape.VARIABLE, D)), memory, 2, 16));
        Model decoder = compiled(d);
        INDArray memories = Nd4j.rand(DataType.DOUBLE, 2, 4, 6);
        memories.get(NDArrayIndex.point(1), NDArrayIndex.interval(2, 4), NDArrayIndex.all()).assign(-5.0);
        INDArray memoryMask = Nd4j.create(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        INDArray target = batch.get(NDArrayIndex.interval(1, 2), NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup();
        INDArray oneMemory = memories.get(NDArrayIndex.interval(1, 2), NDArrayIndex.interval(0, 2), NDArrayIndex.all()).dup();
        INDArray padded = decode(decoder, batch, mask, memories, memoryMask).get(NDArrayIndex.interval(1, 2),
                NDArrayIndex.interval(0, 3), NDArrayIndex.all());
        assertTrue(decode(decoder, target, null, oneMemory, null).equalsWithEps(padded, 1e-9), padded + " vs alone");
    }

    /** A dense layer on every step of a padded batch: real steps as alone (DL4J's TimeDistributed zeroed other steps). */
    @Test
    void perStepDenseLayersKeepRealStepsOfPaddedBatches() {
        Model m = Model.sequential("dense").input(Shape.sequence(Shape.VARIABLE, 3)).dataType(DataType.DOUBLE)
                .dense(4).relu().dense(2).build().compile(Loss.mse(), Optimizer.sgd(0.1));
        INDArray batch = Nd4j.rand(DataType.DOUBLE, 2, 3, 3).addi(0.1);
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 1}, {1, 0, 0}});
        INDArray padded = output(m, batch, mask);
        for (int n = 0; n < 2; n++) {
            int real = n == 0 ? 3 : 1;
            INDArray alone = output(m, batch.get(NDArrayIndex.interval(n, n + 1), NDArrayIndex.interval(0, real),
                    NDArrayIndex.all()).dup(), null);
            INDArray inBatch = padded.get(NDArrayIndex.interval(n, n + 1), NDArrayIndex.interval(0, real), NDArrayIndex.all());
            assertTrue(alone.equalsWithEps(inBatch, 1e-12), "example " + n + ": " + inBatch + " vs " + alone);
        }
    }

    /** Saved and loaded, a Transformer block model predicts the same (every layer's configuration round-trips). */
    @Test
    void transformerBlocksSaveAndLoad(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        GraphBuilder d = Model.graph("dec");
        Node memory = d.input("memory", Shape.sequence(4, 6));
        Node y = d.input("y", Shape.sequence(3, D)).positionalEncoding();
        d.output(Transformer.decoderBlock(Transformer.encoderBlock(y, 2, 16), memory, 2, 16));
        Model model = compiled(d);
        Map<String, INDArray> in = Map.of("memory", Nd4j.rand(DataType.DOUBLE, 2, 4, 6), "y", Nd4j.rand(DataType.DOUBLE, 2, 3, D));
        java.nio.file.Path file = dir.resolve("transformer.zip");
        model.save(file);
        INDArray before = model.predict(in).values().iterator().next();
        INDArray after = Model.load(file).predict(in).values().iterator().next();
        assertTrue(before.equalsWithEps(after, 1e-12), before + " vs " + after);
    }

    private static INDArray decode(Model m, INDArray y, INDArray yMask, INDArray memory, INDArray memoryMask) {
        Map<String, Shape> in = m.spec().inputs();
        INDArray[] inputs = {Sequences.toDl4j(memory, in.get("memory")), Sequences.toDl4j(y, in.get("y"))};
        INDArray[] masks = yMask == null && memoryMask == null ? null : new INDArray[] {memoryMask, yMask};
        return Sequences.fromDl4j(m.network().output(false, inputs, masks)[0], Shape.sequence(Shape.VARIABLE, D));
    }

    @Test
    void misplacedAttentionWordsAreNamedWithTheirFix() {
        var heads = assertThrows(ModelDefinitionException.class,
                () -> Model.sequential("m").input(Shape.sequence(5, 6)).selfAttention(4).build());
        assertTrue(heads.getMessage().contains("'selfattention_1'") && heads.getMessage().contains("divides 6"),
                heads.getMessage());
        var tokens = assertThrows(ModelDefinitionException.class,
                () -> Model.sequential("m").input(Shape.tokens(5, 10)).positionalEncoding().build());
        assertTrue(tokens.getMessage().contains(".embedding("), tokens.getMessage());
        GraphBuilder g = Model.graph("m");
        Node memory = g.input("memory", Shape.vector(6));
        g.output(g.input("y", Shape.sequence(3, 4)).attendTo(memory, 2));
        var vector = assertThrows(ModelDefinitionException.class, g::build);
        assertTrue(vector.getMessage().contains("'crossattention_1'") && vector.getMessage().contains("every step"),
                vector.getMessage());
    }

    /**
     * The weights AttentionWeights reports are those the layer uses: sum_j a_ij v_j per head, joined and projected by
     * W_o, b_o, gives the layer's output; rows sum to 1; a causal layer gives no weight to later steps.
     */
    @Test
    void attentionWeightsReproduceTheLayersOutput() {
        Model m = Model.sequential("att").input(Shape.sequence(4, D)).dataType(DataType.DOUBLE).seed(5)
                .causalSelfAttention(2).build().compile(Loss.mse(), Optimizer.sgd(0.1));
        var layer = m.network().getLayer("selfattention_1");
        Nd4j.getRandom().setSeed(6);
        for (String b : new String[] {"bq", "bk", "bv", "bo"}) layer.getParam(b).assign(Nd4j.rand(DataType.DOUBLE, 1, D));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, D).subi(0.5);
        INDArray a = AttentionWeights.of(m, "selfattention_1", x);
        assertEquals(java.util.List.of(2L, 2L, 4L, 4L), java.util.Arrays.stream(a.shape()).boxed().toList());
        INDArray out = m.predict(x);
        for (int n = 0; n < 2; n++) {
            double[][] v = affine(x.slice(n).toDoubleMatrix(), layer.getParam("Wv"), layer.getParam("bv"));
            double[][] joined = new double[4][D];
            for (int h = 0; h < 2; h++) {
                for (int i = 0; i < 4; i++) {
                    double rowSum = 0;
                    for (int j = 0; j < 4; j++) {
                        double w = a.getDouble(n, h, i, j);
                        rowSum += w;
                        if (j > i) assertEquals(0, w, 0, "step " + i + " attends to later step " + j);
                        for (int f = h * D / 2; f < (h + 1) * D / 2; f++) joined[i][f] += w * v[j][f];
                    }
                    assertEquals(1, rowSum, 1e-12);
                }
            }
            INDArray expected = Nd4j.create(affine(joined, layer.getParam("Wo"), layer.getParam("bo")));
            assertTrue(expected.equalsWithEps(out.slice(n), 1e-9), out.slice(n) + " vs " + expected);
        }
    }
}
