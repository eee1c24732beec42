package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Dataset;
import io.neurite.core.Shape;
import io.neurite.layers.Recurrent;
import io.neurite.nativeops.NativeRecurrent;
import io.neurite.testing.GradientChecks;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Recurrent words: shapes, Keras' parameter counts, masks for padded steps, the native layers' gradients. */
class RecurrentLayersTest {

    /** Keras' published count for one direction: gates * ((inputs + 1) * units + units^2), one bias per gate. */
    private static long keras(int gates, long inputs, long units) { return gates * ((inputs + 1) * units + units * units); }

    private static Model model(UnaryOperator<Sequential> layers) {
        return layers.apply(Model.sequential("rnn").input(Shape.sequence(Shape.VARIABLE, 5)).dataType(DataType.DOUBLE)
                .seed(3)).dense(2).softmax().build().compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
    }

    @Test
    void parameterCountsAreKerasOnesForEveryCellSingleAndBidirectional() {
        int[] gates = {1, 4, 3};
        Recurrent.Cell[] cells = Recurrent.Cell.values();
        for (int c = 0; c < cells.length; c++) {
            Recurrent.Cell cell = cells[c];
            Model one = model(s -> s.then(Recurrent.of(cell, 7)));
            Model two = model(s -> s.then(Recurrent.of(cell, 7).withBidirectional(Recurrent.Merge.CONCAT)));
            Model sum = model(s -> s.then(Recurrent.of(cell, 7).withBidirectional(Recurrent.Merge.SUM)).lastStep());
            assertEquals(keras(gates[c], 5, 7), one.summaryTable().rows().get(1).params(), cell + " single");
            assertEquals(2 * keras(gates[c], 5, 7), two.summaryTable().rows().get(1).params(), cell + " bidirectional");
            assertEquals(2 * keras(gates[c], 5, 7), sum.summaryTable().rows().get(1).params(), cell + " bidirectional sum");
        }
        // Keras' IMDB example: Embedding(20000, 128) then Bidirectional(LSTM(64)) has 98,816 parameters
        Model imdb = Model.sequential("imdb").input(Shape.tokens(20, 20000)).embedding(128).lstm(64).bidirectional()
                .lastStep().dense(1).sigmoid().build();
        assertEquals(98_816, imdb.summaryTable().row("lstm_1").params());
    }

    @Test
    void summaryShowsStepsAndFeaturesUntilTheLastStep() {
        Model m = Model.sequential("deep").input(Shape.sequence(12, 5)).lstm(8).dropout(0.2).gru(6).bidirectional()
                .simpleRnn(4).bidirectional(Recurrent.Merge.SUM).lastStep().dense(1).build();
        Summary s = m.summaryTable();
        assertEquals("(12, 8)", s.row("lstm_1").outputShape().toString());
        assertEquals("(12, 12)", s.row("gru_1").outputShape().toString());
        assertEquals("(4)", s.row("simplernn_1").outputShape().toString());
        assertEquals("Bidirectional(SimpleRNN)", s.row("simplernn_1").type());
        assertEquals("sum, last step", s.row("simplernn_1").details());
    }

    @Test
    void misplacedRecurrentWordsAreNamedWithTheirFix() {
        var onVectors = assertThrows(ModelDefinitionException.class,
                () -> Model.sequential("m").input(Shape.vector(4)).lstm(3).build());
        assertTrue(onVectors.getMessage().contains("'lstm_1'") && onVectors.getMessage().contains("Shape.sequence(steps, features)"),
                onVectors.getMessage());
        var onTokens = assertThrows(ModelDefinitionException.class,
                () -> Model.sequential("m").input(Shape.tokens(4, 10)).gru(3).build());
        assertTrue(onTokens.getMessage().contains(".embedding("), onTokens.getMessage());
        var afterLast = assertThrows(ModelDefinitionException.class,
                () -> Model.sequential("m").input(Shape.sequence(4, 2)).lstm(3).lastStep().lstm(3).build());
        assertTrue(afterLast.getMessage().contains("drop its .lastStep()"), afterLast.getMessage());
        var notRecurrent = assertThrows(ModelDefinitionException.class,
                () -> Model.sequential("m").input(Shape.sequence(4, 2)).dense(3).lastStep());
        assertTrue(notRecurrent.getMessage().contains("lastStep() does not apply to 'dense_1'"), notRecurrent.getMessage());
    }

    /**
     * A sequence of 2 real steps padded to 4 in a batch with one of 4 real steps gives, at its real steps (or as its
     * last step), exactly what it gives alone: padding changes no state, the backward direction starts at the last
     * real step, the last step is the last real one. (Agreement to 1e-6 in double precision: DL4J's bidirectional
     * wrapper differs by about 5e-9 between the two; a padding step read as real changes outputs by about 0.1.)
     */
    @Test
    void paddedStepsChangeNothingForEveryCellDirectionAndOutput() {
        Nd4j.getRandom().setSeed(5);
        INDArray batch = Nd4j.rand(DataType.DOUBLE, 2, 4, 5).subi(0.5);
        batch.get(NDArrayIndex.point(1), NDArrayIndex.interval(2, 4), NDArrayIndex.all()).assign(7.0);  // padding
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        INDArray alone = batch.get(NDArrayIndex.interval(1, 2), NDArrayIndex.interval(0, 2), NDArrayIndex.all()).dup();
        for (Recurrent.Cell cell : Recurrent.Cell.values()) {
            for (Recurrent.Merge merge : new Recurrent.Merge[] {null, Recurrent.Merge.CONCAT, Recurrent.Merge.SUM}) {
                for (boolean last : new boolean[] {false, true}) {
                    Recurrent layer = new Recurrent(cell, 3, last, merge);
                    Model m = model(s -> s.then(layer));
                    String what = layer.type() + " " + layer.details();
                    INDArray padded = out(m, batch, mask);
                    INDArray single = out(m, alone, null);
                    if (last) {
                        assertTrue(single.equalsWithEps(padded.getRow(1, true), 1e-6), what + ": " + padded + " vs " + single);
                    } else {
                        INDArray real = padded.get(NDArrayIndex.interval(1, 2), NDArrayIndex.interval(0, 2), NDArrayIndex.all());
                        assertTrue(single.equalsWithEps(real, 1e-6), what + ": " + real + " vs " + single);
                    }
                }
            }
        }
    }

    /** The output of {@code m} for {@code x} with {@code mask} (or none), through {@link Model#predict(Dataset)}. */
    private static INDArray out(Model m, INDArray x, INDArray mask) {
        Dataset data = Dataset.unlabelled(x);
        return m.predict(mask == null ? data : data.withMask(Dataset.FEATURES, mask));
    }

    /**
     * Step t = 1 of each cell computed by hand from the course's equations, with the layer's own weights and its output
     * at t = 0 as h_0, equals the layer's output at t = 1. Stored blocks: the LSTM [i, f, c~, o], the GRU [r, z, h~].
     */
    @Test
    void oneStepByHandEqualsTheLayer() {
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 2, 5).subi(0.5);
        INDArray x1 = x.get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.all()).reshape(1, 5);
        for (Recurrent.Cell cell : Recurrent.Cell.values()) {
            Model m = Model.sequential("one").input(Shape.sequence(2, 5)).dataType(DataType.DOUBLE).seed(4)
                    .then(Recurrent.of(cell, 3)).named("cell").dense(2).build().compile(Loss.mse(), Optimizer.sgd(0.1));
            INDArray h = m.activation("cell", x);                                    // [1, 2, 3]
            INDArray h0 = h.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.all()).reshape(1, 3);
            INDArray h1 = h.get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.all()).reshape(1, 3);
            var layer = m.network().getLayer("cell");
            INDArray byHand = switch (cell) {
                case SIMPLE_RNN -> tanh(x1.mmul(layer.getParam("W")).add(h0.mmul(layer.getParam("RW"))).add(layer.getParam("b")));
                case LSTM -> {
                    INDArray wx = layer.getParam("Wx"), wh = layer.getParam("Wh"), b = layer.getParam("b");
                    INDArray z = x1.mmul(wx).add(h0.mmul(wh)).add(b);
                    INDArray i = sigmoid(block(z, 0)), f = sigmoid(block(z, 1)), candidate = tanh(block(z, 2)), o = sigmoid(block(z, 3));
                    // c_0 from step 0 (c_{-1} = 0, h_{-1} = 0)
                    INDArray x0 = x.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.all()).reshape(1, 5);
                    INDArray z0 = x0.mmul(wx).add(b);
                    INDArray c0 = sigmoid(block(z0, 0)).mul(tanh(block(z0, 2)));
                    assertTrue(h0.equalsWithEps(sigmoid(block(z0, 3)).mul(tanh(c0)), 1e-12), "LSTM step 0");
                    yield o.mul(tanh(f.mul(c0).add(i.mul(candidate))));
                }
                case GRU -> {
                    INDArray gx = x1.mmul(layer.getParam("Wx")).add(layer.getParam("b"));
                    INDArray wh = layer.getParam("Wh");
                    INDArray r = sigmoid(block(gx, 0).add(h0.mmul(block(wh, 0))));
                    INDArray z = sigmoid(block(gx, 1).add(h0.mmul(block(wh, 1))));
                    INDArray candidate = tanh(block(gx, 2).add(r.mul(h0).mmul(block(wh, 2))));
                    yield z.mul(h0).add(z.rsub(1).mul(candidate));
                }
            };
            assertTrue(byHand.equalsWithEps(h1, 1e-12), cell + ": by hand " + byHand + ", layer " + h1);
        }
    }

    private static INDArray block(INDArray a, int k) {
        long u = 3;
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(k * u, (k + 1) * u));
    }

    private static INDArray sigmoid(INDArray a) { return org.nd4j.linalg.ops.transforms.Transforms.sigmoid(a, true); }

    private static INDArray tanh(INDArray a) { return org.nd4j.linalg.ops.transforms.Transforms.tanh(a, true); }

    /**
     * Which of two markers came first in a padded sequence of 2 to 6 steps: only a recurrent layer that carries state
     * across steps and honours the padding can tell (chance is 50%). Each cell, stacked with dropout between, reaches
     * 90% on held-out sequences; the trained GRU, saved and loaded, predicts the same on another number of steps.
     */
    @Test
    @org.junit.jupiter.api.Tag("slow")   // about 30 s per cell on a loaded 2-core machine (seen: 97%, 95%, 93%)
    void stackedCellsLearnOrderAcrossPaddedSteps(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.util.Random random = new java.util.Random(1);
        java.util.List<double[][]> xs = new java.util.ArrayList<>();
        int[] first = new int[600];
        for (int i = 0; i < first.length; i++) {
            int steps = 2 + random.nextInt(5);
            double[][] x = new double[steps][2];
            int a = random.nextInt(steps);
            int b = random.nextInt(steps - 1);
            if (b >= a) b++;
            x[a][0] = 1;
            x[b][1] = 1;
            first[i] = a < b ? 0 : 1;
            xs.add(x);
        }
        io.neurite.data.Dataset all = io.neurite.data.Dataset.sequences(xs, io.neurite.data.Dataset.oneHot(first, 2));
        io.neurite.data.Dataset train = all.slice(0, 500);
        io.neurite.data.Dataset test = all.slice(500, 600);
        for (Recurrent.Cell cell : Recurrent.Cell.values()) {
            Model m = Model.sequential("order").input(Shape.sequence(Shape.VARIABLE, 2)).seed(2)
                    .then(Recurrent.of(cell, 12)).dropout(0.1).then(Recurrent.of(cell, 12)).lastStep().dense(2).softmax()
                    .build().compile(Loss.crossEntropy(), Optimizer.adam(0.02));
            m.fit(train, io.neurite.train.Fit.epochs(15).batchSize(50).quiet());
            double accuracy = m.evaluate(test).accuracy();
            assertTrue(accuracy >= 0.9, cell + " accuracy " + accuracy);
            if (cell != Recurrent.Cell.GRU) continue;
            java.nio.file.Path file = dir.resolve("gru.zip");
            m.save(file);
            Model loaded = Model.load(file);
            INDArray three = Nd4j.create(new double[][][] {{{0, 1}, {0, 0}, {1, 0}}});
            assertTrue(m.predict(three).equalsWithEps(loaded.predict(three), 1e-6));
            assertTrue(m.predict(three).getDouble(0, 1) > 0.5, "the second marker came first: " + m.predict(three));
        }
    }

    /**
     * Both cells' hand-written backward passes against numerical gradients: forward and bidirectional (concatenated)
     * over a batch with trailing and leading padding, a DL4J SimpleRnn before the layer so the error it passes back
     * to its input is checked too; and added directions with only the last (real) step read, over the same batch.
     */
    @Test
    void nativeRecurrentGradientsMatchNumericalOnes() {
        InputType.InputTypeRecurrent in = (InputType.InputTypeRecurrent) InputType.recurrent(3, 4, RNNFormat.NCW);
        INDArray mask = Nd4j.create(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}, {0, 1, 1, 1}});
        for (NativeRecurrent.Cell cell : NativeRecurrent.Cell.values()) {
            GradientChecks.assertSequenceGradientsCorrect(NativeRecurrent.builder().cell(cell).nOut(3).build(), in, mask);
            GradientChecks.assertSequenceGradientsCorrect(NativeRecurrent.builder().cell(cell).nOut(3)
                    .directions(NativeRecurrent.Directions.CONCAT).build(), in, mask);
            GradientChecks.assertSequenceGradientsCorrect(NativeRecurrent.builder().cell(cell).nOut(3)
                    .directions(NativeRecurrent.Directions.SUM).lastStep(true).build(), in, mask);
        }
    }

    /**
     * A recurrent layer reading the network input skips that input's error in fit (a third of its backward products);
     * its parameter gradients equal those of the full backward pass that hand-written steps ask for, for both cells
     * in both directions.
     */
    @Test
    void skippingTheInputErrorLeavesTheGradientsUnchanged() {
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 5, 4).subi(0.5);                // DL4J's [n, features, steps]
        INDArray y = Nd4j.create(new double[][] {{1, 0}, {0, 1}, {1, 0}});
        for (Recurrent.Cell cell : new Recurrent.Cell[] {Recurrent.Cell.GRU, Recurrent.Cell.LSTM}) {
            var net = model(s -> s.then(new Recurrent(cell, 3, true, Recurrent.Merge.CONCAT))).network();
            var layer = java.util.Arrays.stream(net.getLayers())
                    .filter(l -> l.conf().getLayer() instanceof NativeRecurrent).findFirst().orElseThrow();
            assertTrue(((NativeRecurrent) layer.conf().getLayer()).readsNetworkInput(), cell + " reads the input");
            net.setInputs(x);
            net.setLabels(y);
            net.computeGradientAndScore();
            INDArray skipped = net.gradient().gradient().dup();
            io.neurite.nativeops.InputErrors.compute(net, true);
            net.computeGradientAndScore();
            io.neurite.nativeops.InputErrors.compute(net, false);
            INDArray full = net.gradient().gradient();
            assertTrue(skipped.amaxNumber().doubleValue() > 1e-3 && full.equalsWithEps(skipped, 1e-12), cell + ": " + full.sub(skipped).amaxNumber());
        }
    }
}
