package io.neurite.recipes.unit3;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.model.AttentionWeights;
import io.neurite.model.GraphBuilder;
import io.neurite.model.Model;
import io.neurite.model.Node;
import io.neurite.model.Transformer;
import io.neurite.nativeops.NativePositionalEncoding;
import io.neurite.plot.Chart;
import io.neurite.plot.Heatmap;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The Transformer's pieces at work (d2l 11.6-11.7): the sinusoidal positional encoding plotted as d2l does, then one
 * encoder block (self-attention, add and norm, feed-forward, add and norm) trained to reverse sequences of tokens.
 * Step t of the output must copy input step T-1-t, which only attention can fetch, and which it can find only through
 * the positional encoding; the attention map of a held-out sequence shows the anti-diagonal it learned.
 */
public final class TransformerBasics implements Recipe {
    /** Tokens per sequence and the vocabulary they are drawn from. */
    public static final int STEPS = 6, VOCABULARY = 10;
    private static final int D = 32, HEADS = 2;

    @Override public String name() { return "transformer-basics"; }

    @Override public int unit() { return 3; }

    @Override
    public String description() {
        return "Positional encoding plotted; a Transformer encoder block learns to reverse token sequences, its attention map shown";
    }

    /**
     * Held-out per-token accuracy, the mean attention weight on the anti-diagonal (query t on key T-1-t, over held-out
     * sequences and heads; 1 / STEPS for uniform attention) and the first held-out sequence's weights [head][t][j].
     */
    public record Reversal(double accuracy, double antiDiagonal, double[][][] firstWeights, int[] firstTokens) { }

    /** Trains the block for {@code fit} on {@code examples} random sequences and scores it on 500 others. */
    public static Reversal reverse(Fit fit, int examples, long seed) {
        Random random = new Random(seed);
        Dataset train = sequences(examples, random);
        Dataset test = sequences(500, random);
        GraphBuilder g = Model.graph("reverse").seed(seed);
        Node x = g.input("tokens", Shape.tokens(STEPS, VOCABULARY)).embedding(D).positionalEncoding();
        g.output(Transformer.encoderBlock(x, HEADS, 2 * D).dense(VOCABULARY).softmax());
        Model model = g.build().compile(Loss.crossEntropy(), Optimizer.adam(0.005));
        model.fit(train, fit);
        INDArray predicted = model.predict(test.features()).argMax(2);
        INDArray expected = test.labels().argMax(2);
        double accuracy = predicted.eq(expected).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        INDArray weights = AttentionWeights.of(model, "selfattention_1", test.features());   // [n, heads, T, T]
        double anti = 0;
        for (int t = 0; t < STEPS; t++) {
            anti += weights.get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.point(t), NDArrayIndex.point(STEPS - 1 - t))
                    .meanNumber().doubleValue() / STEPS;
        }
        double[][][] first = new double[HEADS][][];
        for (int h = 0; h < HEADS; h++) first[h] = weights.slice(0).slice(h).toDoubleMatrix();
        return new Reversal(accuracy, anti, first, test.features().getRow(0).toIntVector());
    }

    /** {@code n} random token sequences with their reversals as one-hot labels [n, STEPS, VOCABULARY]. */
    private static Dataset sequences(int n, Random random) {
        INDArray tokens = Nd4j.zeros(DataType.FLOAT, n, STEPS);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, STEPS, VOCABULARY);
        for (int i = 0; i < n; i++) {
            int[] s = IntStream.range(0, STEPS).map(t -> random.nextInt(VOCABULARY)).toArray();
            for (int t = 0; t < STEPS; t++) {
                tokens.putScalar(i, t, s[t]);
                labels.putScalar(new long[] {i, t, s[STEPS - 1 - t]}, 1);
            }
        }
        return Dataset.of(tokens, labels);
    }

    @Override
    public void run(RecipeContext ctx) {
        double[][] p = NativePositionalEncoding.table(60, D);
        double[] positions = IntStream.range(0, 60).asDoubleStream().toArray();
        Chart columns = Chart.lines("Positional encoding, columns 6-9 (d2l fig. 11.6.2)", "row (position)", "value");
        for (int j = 6; j < 10; j++) {
            final int col = j;
            columns.series("col " + j, positions, IntStream.range(0, 60).mapToDouble(t -> p[t][col]).toArray());
        }
        ctx.save(columns, "positional-encoding.png");
        ctx.save(Heatmap.grid("Positional encoding P (60 positions x " + D + " dimensions)", "encoding dimension",
                "position", p, List.of(), List.of(), false), "positional-encoding-heatmap.png");

        Reversal r = reverse(ctx.fit(10).batchSize(64), 2000, 1);
        ctx.printf("reversing %d-token sequences: held-out per-token accuracy %.3f (chance %.3f);%n", STEPS, r.accuracy(),
                1.0 / VOCABULARY);
        ctx.printf("mean attention on the anti-diagonal %.3f (uniform attention: %.3f)%n", r.antiDiagonal(), 1.0 / STEPS);
        List<String> words = IntStream.of(r.firstTokens()).mapToObj(t -> Integer.toString(t)).toList();
        List<String> keys = IntStream.range(0, STEPS).mapToObj(t -> t + ":" + words.get(t)).toList();
        List<String> queries = IntStream.range(0, STEPS).mapToObj(t -> "out " + t).toList();
        for (int h = 0; h < HEADS; h++) {
            ctx.save(Heatmap.grid("Self-attention, head " + h + ", of a held-out sequence", "input step:token",
                    "output step", r.firstWeights()[h], keys, queries, true), "attention-head" + h + ".png");
        }
    }
}
