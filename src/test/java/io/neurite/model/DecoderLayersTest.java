package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neurite.core.Shape;
import io.neurite.nativeops.NativeDeconv2D;
import io.neurite.spec.Convolutions;
import io.neurite.testing.GradientChecks;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reshape, upsampling and transposed convolution: shapes and parameter counts against the hand formulas
 * out = S(W - 1) + F - 2P (valid P = 0, 'same' out = SW) and kh*kw*c_in*filters + filters, DL4J's arrays against the
 * inferred shapes, and the values of each layer against a hand computation.
 */
class DecoderLayersTest {

    /** A DCGAN-style decoder: 16 numbers to a 7x7x8 image, doubled twice with each kind of layer. */
    private static Model decoder() { return decoder(Convolutions.DEFAULT, DataType.FLOAT); }

    private static Model decoder(Convolutions engine, DataType type) {
        return Model.sequential("decoder").convolutions(engine).dataType(type).seed(3)
                .input(Shape.vector(16))
                .dense(7 * 7 * 8).relu()
                .reshape(7, 7, 8)
                .upsample(2)                                // 14x14x8
                .deconv(4, 3).relu()                        // 2*0 + ... stride 1 valid: 14 - 1 + 3 = 16
                .deconv(3, 4).stride(2).same().relu()       // 2 * 16 = 32
                .deconv(2, 3).stride(2).padding(1).noBias() // 2 * (32 - 1) + 3 - 2 = 63
                .build();
    }

    @Test
    void shapesAndParameterCountsFollowTheHandFormulas() {
        Model m = decoder().compile(Optimizer.adam(1e-3));
        Summary s = m.summaryTable();
        assertEquals(Shape.image(7, 7, 8), s.row("reshape_1").outputShape());
        assertEquals(Shape.image(14, 14, 8), s.row("upsampling2d_1").outputShape());
        assertEquals(Shape.image(14 - 1 + 3, 16, 4), s.row("deconv2d_1").outputShape());
        assertEquals(Shape.image(2 * 16, 2 * 16, 3), s.row("deconv2d_2").outputShape());
        assertEquals(Shape.image(2 * 31 + 3 - 2, 63, 2), s.row("deconv2d_3").outputShape());
        assertEquals(16 * 392 + 392, s.row("dense_1").params());
        assertEquals(0, s.row("reshape_1").params());
        assertEquals(0, s.row("upsampling2d_1").params());
        assertEquals(3 * 3 * 8 * 4 + 4, s.row("deconv2d_1").params());
        assertEquals(4 * 4 * 4 * 3 + 3, s.row("deconv2d_2").params());
        assertEquals(3 * 3 * 3 * 2, s.row("deconv2d_3").params());
        assertEquals(6664 + 292 + 195 + 54, m.paramCount());
        INDArray out = m.predict(Nd4j.rand(DataType.FLOAT, 5, 16));
        assertArrayEquals(new long[] {5, 2, 63, 63}, out.shape(), "DL4J's output agrees with the inferred shape");
    }

    /**
     * The engines' transposed convolutions (NativeDeconv2D, DL4J's Deconvolution2D) given the same weights through
     * the canonical layout [input channels, filters, kh, kw]: the same outputs and the same gradient of every parameter.
     */
    @Test
    void bothEnginesComputeTheSameOutputsAndGradients() {
        Model nat = decoder(Convolutions.NATIVE, DataType.DOUBLE).compile(Loss.mse(), Optimizer.sgd(0.1));
        Model stock = decoder(Convolutions.DL4J, DataType.DOUBLE).compile(Loss.mse(), Optimizer.sgd(0.1));
        for (String d : DECONVS) {
            assertInstanceOf(NativeDeconv2D.class, nat.network().getLayer(d).conf().getLayer(), d);
            assertInstanceOf(Deconvolution2D.class, stock.network().getLayer(d).conf().getLayer(), d);
        }
        assertArrayEquals(new long[] {8, 4, 3, 3}, nat.weights("deconv2d_1").shape(), "canonical [in, filters, kh, kw]");
        ConvolutionsTest.copyParams(stock, nat);
        Nd4j.getRandom().setSeed(4);
        INDArray z = Nd4j.rand(DataType.DOUBLE, 3, 16).subi(0.5);
        INDArray target = Nd4j.rand(DataType.DOUBLE, 3, 2, 63, 63);
        Pass s = stock.forward(z);
        Pass n = nat.forward(z);
        assertEquals(0, s.output().sub(n.output()).amaxNumber().doubleValue(), 1e-12, "outputs");
        assertEquals(s.backward(target), n.backward(target), 1e-12, "loss");
        for (String layer : new String[] {"dense_1", "deconv2d_1", "deconv2d_2", "deconv2d_3"}) {
            for (String p : layer.equals("deconv2d_3") ? new String[] {"W"} : new String[] {"W", "b"}) {
                INDArray expected = s.gradient(layer, p);
                double scale = expected.amaxNumber().doubleValue();
                assertEquals(0, expected.sub(n.gradient(layer, p).reshape(expected.shape())).amaxNumber().doubleValue()
                        / scale, 1e-10, layer + " " + p);
            }
        }
    }

    private static final String[] DECONVS = {"deconv2d_1", "deconv2d_2", "deconv2d_3"};

    @Test
    void reshapeFillsChannelsThenRowsThenColumnsAndFlattenUndoesIt() {
        Model m = Model.sequential("r").input(Shape.vector(12)).reshape(2, 3, 2).build().compile(Optimizer.sgd(0.1));
        INDArray x = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(1, 12);
        INDArray img = m.predict(x);
        assertArrayEquals(new long[] {1, 2, 2, 3}, img.shape());
        for (int i = 0; i < 12; i++) {
            assertEquals(i, img.getDouble(0, i / 6, (i / 3) % 2, i % 3), 0, "value " + i);
        }
        Model back = Model.sequential("rf").input(Shape.vector(12)).reshape(2, 3, 2).flatten().build()
                .compile(Optimizer.sgd(0.1));
        assertEquals(x, back.predict(x));
    }

    @Test
    void upsamplingRepeatsEveryPixel() {
        Model m = Model.sequential("u").input(Shape.image(2, 2, 1)).upsample(3).build().compile(Optimizer.sgd(0.1));
        INDArray x = Nd4j.createFromArray(new float[] {1, 2, 3, 4}).reshape(1, 1, 2, 2);
        INDArray up = m.predict(x);
        assertArrayEquals(new long[] {1, 1, 6, 6}, up.shape());
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 6; c++) assertEquals(x.getDouble(0, 0, r / 3, c / 3), up.getDouble(0, 0, r, c), 0);
        }
    }

    /** out[S*i + a, S*j + b] += x[i, j] * K[a, b], the scatter that makes a transposed convolution, worked by hand. */
    @Test
    void transposedConvolutionScattersTheKernelByHand() {
        Model m = Model.sequential("t").dataType(DataType.DOUBLE).input(Shape.image(2, 2, 1))
                .deconv(1, 3).stride(2).build().compile(Optimizer.sgd(0.1));
        double[][] k = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        m.setWeights("deconv2d_1", Nd4j.createFromArray(k).reshape(1, 1, 3, 3));
        m.setBias("deconv2d_1", Nd4j.createFromArray(new double[] {0.5}).reshape(1, 1));
        double[][] x = {{1, -1}, {2, 10}};
        INDArray out = m.predict(Nd4j.createFromArray(x).reshape(1, 1, 2, 2));
        assertArrayEquals(new long[] {1, 1, 5, 5}, out.shape());   // 2 * (2 - 1) + 3
        double[][] hand = new double[5][5];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) hand[2 * i + a][2 * j + b] += x[i][j] * k[a][b];
                }
            }
        }
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 5; c++) assertEquals(hand[r][c] + 0.5, out.getDouble(0, 0, r, c), 1e-12, r + "," + c);
        }
    }

    @Test
    void compiledLayersPassTheGradientCheck() {
        Model m = Model.sequential("g").input(Shape.image(4, 4, 2)).upsample(2).deconv(3, 3).stride(2).same().tanh()
                .build().compile(Optimizer.sgd(1.0));   // DL4J's check takes plain SGD with rate 1 only
        GradientChecks.assertGradientsCorrect(m.network().getLayer("deconv2d_1").conf().getLayer().clone(),
                InputType.convolutional(4, 4, 2));
        GradientChecks.assertGradientsCorrect(m.network().getLayer("upsampling2d_1").conf().getLayer().clone(),
                InputType.convolutional(3, 3, 2));
    }

    @Test
    void reshapeOfTheWrongSizeNamesTheLayerAndTheFix() {
        var e = assertThrows(ModelDefinitionException.class,
                () -> Model.sequential("bad").input(Shape.vector(10)).dense(50).reshape(7, 7, 1).build());
        assertEquals("layer 'reshape_1' (Reshape to (7, 7, 1)) in model 'bad' got vector (50) from [dense_1] but "
                + "expected a vector of 7*7*1 = 49 values to reshape to (7, 7, 1). Likely fix: put a dense(49) before "
                + "reshape(7, 7, 1), or reshape to sizes whose product is the vector's length",
                e.getMessage());
    }

    @Test
    void aSavedDecoderLoadsAndPredictsTheSame(@TempDir Path dir) {
        Model m = decoder().compile(Loss.mse(), Optimizer.adam(1e-3));
        INDArray z = Nd4j.rand(DataType.FLOAT, 2, 16);
        m.save(dir.resolve("d.zip"));
        Model back = Model.load(dir.resolve("d.zip"));
        assertEquals(m.predict(z), back.predict(z));
        assertEquals(m.summaryTable().toString(), back.summaryTable().toString());
    }
}
