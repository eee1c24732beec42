package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.compile.Sequences;
import io.neurite.core.Shape;
import io.neurite.data.BertPairs;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * BERT's pieces: d2l's small BERT's parameter count (by formula, and by PyTorch where it is installed), the input
 * representation and the first step against sums by hand, and padding that changes no real output.
 */
class BertTest {
    private static final int V = 500, L = 64, D = 128, HIDDEN = 256;

    /**
     * d2l's BERTModel(V, 128, ffn 256, 2 heads, 2 layers, max_len L) with PyTorch's encoder layer (attention with
     * biases; d2l's own MultiHeadAttention has none, 4 d fewer per block), counted module by module.
     */
    private static long d2lSmallBert(long v, long maxLen, long d, long ffn, int blocks) {
        long embeddings = v * d + 2 * d + maxLen * d;                  // token, segment, position (nn.Parameter)
        long attention = 3 * d * d + 3 * d + d * d + d;                // in_proj weight and bias, out_proj
        long feedForward = d * ffn + ffn + ffn * d + d;                // linear1, linear2
        long block = attention + feedForward + 2 * 2 * d;              // norm1, norm2
        long mlm = d * d + d + 2 * d + d * v + v;                      // Linear(d, d), ReLU, LayerNorm(d), Linear(d, V)
        long nsp = d * d + d + d * 2 + 2;                              // hidden Linear(d, d) + Tanh, Linear(d, 2)
        return embeddings + blocks * block + mlm + nsp;
    }

    @Test
    void d2lsSmallBertHasTheParametersCountedByHand() {
        Model bert = Bert.pretraining(V, L, D, 2, HIDDEN, 2, Optimizer.adam(1e-3), 1);
        assertEquals(d2lSmallBert(V, L, D, HIDDEN, 2), bert.paramCount());
        assertEquals(L * D, bert.summaryTable().row("positionembedding_1").params());
    }

    /** The same count from PyTorch's modules, when /usr/bin/python3 has torch. */
    @Test
    void pytorchCountsTheSameParameters() throws Exception {
        String script = String.join("\n", "import torch, torch.nn as nn",
                "V, L, d, f = " + V + ", " + L + ", " + D + ", " + HIDDEN,
                "m = nn.ModuleDict(dict(tok=nn.Embedding(V, d), seg=nn.Embedding(2, d),",
                "    blocks=nn.ModuleList([nn.TransformerEncoderLayer(d, 2, f) for _ in range(2)]),",
                "    mlm=nn.Sequential(nn.Linear(d, d), nn.ReLU(), nn.LayerNorm(d), nn.Linear(d, V)),",
                "    hidden=nn.Sequential(nn.Linear(d, d), nn.Tanh()), nsp=nn.Linear(d, 2)))",
                "pos = nn.Parameter(torch.randn(1, L, d))",
                "print(sum(p.numel() for p in m.parameters()) + pos.numel())");
        Process python;
        try {
            python = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("no /usr/bin/python3: " + e.getMessage());
            return;
        }
        String said = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(python.waitFor(120, TimeUnit.SECONDS));
        Assumptions.assumeTrue(python.exitValue() == 0 || !said.contains("No module named 'torch'"), "no PyTorch: " + said);
        assertEquals(0, python.exitValue(), said);
        Model bert = Bert.pretraining(V, L, D, 2, HIDDEN, 2, Optimizer.adam(1e-3), 1);
        assertEquals(Long.parseLong(said.lines().reduce((a, b) -> b).orElseThrow()), bert.paramCount());
    }

    /** Token row + segment row + position row, step by step, read from the model's own tables. */
    @Test
    void theInputRepresentationIsTheSumOfTokenSegmentAndPositionEmbeddings() {
        GraphBuilder g = Model.graph("embed").dataType(DataType.DOUBLE).seed(2);
        g.output(Bert.inputRepresentation(g.input("tokens", Shape.tokens(4, 10)), g.input("segments", Shape.tokens(4, 2)), 6, 5));
        Model m = g.build().compile(Loss.mse(), Optimizer.sgd(0.1));
        INDArray tokens = Nd4j.create(new double[][] {{2, 7, 3, 9}, {2, 1, 3, 0}});
        INDArray segments = Nd4j.create(new double[][] {{0, 0, 1, 1}, {0, 1, 1, 0}});
        INDArray out = m.predict(Map.of("tokens", tokens, "segments", segments)).values().iterator().next();
        INDArray tokenTable = m.network().getLayer("embedding_1").getParam("W");
        INDArray segmentTable = m.network().getLayer("embedding_2").getParam("W");
        INDArray positions = m.network().getLayer("positionembedding_1").getParam("P");
        assertEquals(5, positions.size(0));
        for (int n = 0; n < 2; n++) {
            for (int t = 0; t < 4; t++) {
                INDArray expected = tokenTable.getRow(tokens.getInt(n, t)).add(segmentTable.getRow(segments.getInt(n, t)))
                        .add(positions.getRow(t));
                assertTrue(expected.equalsWithEps(out.get(NDArrayIndex.point(n), NDArrayIndex.point(t), NDArrayIndex.all()), 1e-12),
                        "example " + n + ", step " + t);
            }
        }
        // every table starts N(0, 0.02^2), as BERT's code
        for (INDArray table : new INDArray[] {tokenTable, positions}) {
            assertEquals(Bert.EMBEDDING_STD, table.stdNumber().doubleValue(), 0.005);
        }
    }

    @Test
    void firstStepIsStepZeroOfEachSequence() {
        Model m = Model.sequential("first").input(Shape.sequence(3, 4)).dataType(DataType.DOUBLE).firstStep().build()
                .compile(Loss.mse(), Optimizer.sgd(0.1));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4);
        assertEquals(x.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()), m.predict(x));
        assertEquals(0, m.paramCount());
    }

    /** A small pretraining model: what padding holds changes neither the MLM outputs at real steps nor NSP. */
    @Test
    void paddingChangesNoRealOutputOfEitherHead() {
        Model bert = Bert.pretraining(20, 6, 8, 2, 16, 2, Optimizer.adam(1e-3), 3);
        INDArray tokens = Nd4j.create(new float[][] {{2, 7, 3, 9, 11, 3}, {2, 6, 3, 8, 3, 0}});
        INDArray segments = Nd4j.create(new float[][] {{0, 0, 0, 1, 1, 1}, {0, 0, 0, 1, 1, 0}});
        INDArray mask = Nd4j.create(new float[][] {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 0}});
        INDArray otherPadding = tokens.dup();
        otherPadding.putScalar(1, 5, 17);
        INDArray[] before = outputs(bert, tokens, segments, mask);
        INDArray[] after = outputs(bert, otherPadding, segments, mask);
        INDArray[] unmasked = outputs(bert, otherPadding, segments, null);
        INDArray realSteps = before[0].get(NDArrayIndex.point(1), NDArrayIndex.interval(0, 5), NDArrayIndex.all());
        assertTrue(realSteps.equalsWithEps(after[0].get(NDArrayIndex.point(1), NDArrayIndex.interval(0, 5), NDArrayIndex.all()), 1e-6));
        assertTrue(before[1].equalsWithEps(after[1], 1e-6), before[1] + " vs " + after[1]);
        assertTrue(unmasked[1].getRow(1).distance1(before[1].getRow(1)) > 1e-5, "without the mask the padding is read");
        assertTrue(before[0].slice(0).equalsWithEps(after[0].slice(0), 1e-6), "another example is untouched");
    }

    private static INDArray[] outputs(Model m, INDArray tokens, INDArray segments, INDArray mask) {
        Map<String, Shape> in = m.spec().inputs();
        INDArray[] x = {Sequences.toDl4j(tokens, in.get(BertPairs.TOKENS)), Sequences.toDl4j(segments, in.get(BertPairs.SEGMENTS))};
        INDArray[] out = m.network().output(false, x, mask == null ? null : new INDArray[] {mask, mask});
        return new INDArray[] {Sequences.fromDl4j(out[0], m.spec().shapes().get(BertPairs.MLM)), out[1]};
    }

    /** The classifier takes every encoder weight of a pretraining model of the same sizes, and keeps its own head. */
    @Test
    void copyEncoderCopiesTheEncoderAndNothingElse() {
        Model pretrained = Bert.pretraining(30, 8, 8, 2, 16, 2, Optimizer.adam(1e-3), 5);
        Model classifier = Bert.classifier(30, 8, 8, 2, 16, 2, 2, Optimizer.adam(1e-3), 6);
        INDArray headBefore = classifier.network().getLayer(BertPairs.LABEL).params().dup();
        Bert.copyEncoder(pretrained, classifier);
        int copied = 0;
        for (var layer : pretrained.network().getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            boolean inEncoder = name.startsWith("embedding_") || name.startsWith("positionembedding_")
                    || name.startsWith("selfattention_") || name.startsWith("layernorm_") && !name.equals("layernorm_5")
                    || name.equals(Bert.ENCODER) || name.matches("dense_[1-4]");
            if (inEncoder && layer.numParams() > 0) {
                assertEquals(layer.params(), classifier.network().getLayer(name).params(), name);
                copied++;
            }
        }
        // 2 embeddings, the position table, per block attention, 2 feed-forward layers and 2 layer norms
        assertEquals(3 + 2 * 5, copied);
        assertEquals(headBefore, classifier.network().getLayer(BertPairs.LABEL).params(), "the head is not touched");
        var wrong = assertThrows(IllegalArgumentException.class,
                () -> Bert.copyEncoder(pretrained, Bert.classifier(30, 8, 16, 2, 16, 2, 2, Optimizer.adam(1e-3), 6)));
        assertTrue(wrong.getMessage().contains("same sizes"), wrong.getMessage());
    }

    @Test
    void positionsBeyondThoseLearnedAreRefusedWithTheFix() {
        var e = assertThrows(ModelDefinitionException.class, () -> Model.sequential("m").input(Shape.tokens(7, 10))
                .embedding(4).positionEmbedding(5).build());
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("at most 5 steps") && e.getMessage().contains("positionEmbedding(7)"), e.getMessage());
        var tokens = assertThrows(ModelDefinitionException.class, () -> Model.sequential("m").input(Shape.tokens(5, 10))
                .firstStep().build());
        assertTrue(tokens.getMessage().contains(".embedding("), tokens.getMessage());
    }
}
