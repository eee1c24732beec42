package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.model.Model;
import io.neurite.core.Activation;
import io.neurite.core.SiLU;
import io.neurite.layers.DropPath;
import io.neurite.testing.GradientChecks;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** EfficientNet's layers: depthwise convolution, squeeze-and-excitation, drop-path and SiLU, each against hand values. */
class EfficientNetLayersTest {

    /**
     * 8x8x6 input: depthwise 3x3 stride 2 'same' gives 4x4x6 with 3*3*6 = 54 weights (no bias); squeeze-and-excitation
     * with 2 units has 6*2 + 2 + 2*6 + 6 = 32 parameters and keeps the shape; drop-path has none.
     */
    @Test
    void shapesAndParameterCountsFollowTheFormulas() {
        Model m = Model.sequential("dw").input(Shape.image(8, 8, 6))
                .depthwiseConv(3).stride(2).same().noBias()
                .squeezeExcite(2)
                .dropPath(0.2)
                .globalAvgPool().dense(3).softmax().build();
        var rows = m.summaryTable().rows();
        var dw = rows.stream().filter(r -> r.type().startsWith("DepthwiseConv2D")).findFirst().orElseThrow();
        var se = rows.stream().filter(r -> r.type().startsWith("SqueezeExcite")).findFirst().orElseThrow();
        var dp = rows.stream().filter(r -> r.type().startsWith("DropPath")).findFirst().orElseThrow();
        assertEquals(Shape.image(4, 4, 6), dw.outputShape());
        assertEquals(54, dw.params());
        assertEquals(Shape.image(4, 4, 6), se.outputShape());
        assertEquals(32, se.params());
        assertEquals(0, dp.params());
        assertEquals(54 + 32 + 6 * 3 + 3, m.summaryTable().trainableParams());
    }

    /** A depthwise convolution filters each channel on its own: channel c of the output depends on channel c only. */
    @Test
    void depthwiseConvolutionKeepsChannelsApart() {
        Model m = Model.sequential("dw").input(Shape.image(5, 5, 2)).depthwiseConv(3).same().noBias()
                .globalAvgPool().dense(2).softmax().build().compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 2, 5, 5);
        x.putScalar(new long[] {0, 0, 2, 2}, 1f);
        INDArray y = m.activation(m.summaryTable().rows().get(1).name(), x);
        assertEquals(0, y.get(NDArrayIndex.point(0), NDArrayIndex.point(1)).sumNumber().doubleValue(), 0,
                "an impulse in channel 0 leaves channel 1 at 0");
        assertTrue(y.get(NDArrayIndex.point(0), NDArrayIndex.point(0)).norm2Number().doubleValue() > 0);
    }

    @Test
    void siluIsXTimesSigmoid() {
        INDArray x = Nd4j.createFromArray(-2.0, 0.0, 1.0);
        double s1 = 1 / (1 + Math.exp(-1));
        assertEquals(-2 / (1 + Math.exp(2)), Activation.silu().apply(x).getDouble(0), 1e-12);
        assertEquals(0, Activation.silu().apply(x).getDouble(1), 0);
        assertEquals(s1, Activation.silu().apply(x).getDouble(2), 1e-12);
        // g'(1) = s(1) (1 + 1 (1 - s(1)))
        assertEquals(s1 * (1 + (1 - s1)), Activation.silu().derivative(x).getDouble(2), 1e-9);
    }

    /** SiLU's cheaper backward pass gives DL4J's swish derivative, and a dense layer using it passes a gradient check. */
    @Test
    void siluBackwardEqualsDl4jsSwishAndCentralDifferences() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 50).subi(0.5).muli(12);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 4, 50);
        INDArray ours = new SiLU().backprop(x.dup(), eps).getFirst();
        INDArray dl4j = new ActivationSwish().backprop(x.dup(), eps).getFirst();
        assertEquals(0, ours.sub(dl4j).amaxNumber().doubleValue(), 1e-12);
        double h = 1e-6;
        INDArray numerical = Activation.silu().apply(x.add(h)).sub(Activation.silu().apply(x.sub(h))).divi(2 * h).muli(eps);
        assertEquals(0, ours.sub(numerical).amaxNumber().doubleValue(), 1e-8);
        GradientChecks.assertGradientsCorrect(new DenseLayer.Builder().nOut(4).activation(new SiLU()).build(),
                InputType.feedForward(5));
    }

    @Test
    void squeezeExciteGradientsMatchCentralDifferences() {
        GradientChecks.assertGradientsCorrect(NativeSqueezeExcite.of(2), InputType.convolutional(4, 4, 3));
    }

    @Test
    void dropPathKeepsOrDropsEachWholeExampleAndScalesTheKeptOnes() {
        Nd4j.getRandom().setSeed(5);
        DropPathDropout d = new DropPathDropout(0.25);
        INDArray x = Nd4j.ones(DataType.FLOAT, 2000, 2, 3, 3);
        INDArray y = d.applyDropout(x, x.ulike(), 0, 0, LayerWorkspaceMgr.noWorkspaces());
        int kept = 0;
        for (int i = 0; i < 2000; i++) {
            INDArray ex = y.get(NDArrayIndex.point(i));
            double first = ex.getDouble(0);
            assertTrue(first == 0 || Math.abs(first - 1 / 0.75) < 1e-6, "value " + first);
            assertEquals(first * 18, ex.sumNumber().doubleValue(), 1e-4, "one value per example");
            if (first != 0) kept++;
        }
        // binomial(2000, 0.75): mean 1500, sd 19.4
        assertTrue(Math.abs(kept - 1500) < 80, kept + " of 2000 kept");
        INDArray g = d.backprop(Nd4j.ones(DataType.FLOAT, 2000, 2, 3, 3), Nd4j.zeros(DataType.FLOAT, 2000, 2, 3, 3), 0, 0);
        assertEquals(y, g, "the gradient passes through the same mask");
        assertThrows(IllegalArgumentException.class, () -> new DropPath(1));
    }
}
