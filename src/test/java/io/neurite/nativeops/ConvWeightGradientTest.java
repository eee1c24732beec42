package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ConvWeightGradient}'s kernel and bias gradients equal libnd4j's {@code conv2d_bp} (double precision; its float
 * loops to 1e-5), also when the batch is unfolded in parts (a limit of a little over two samples' unfolding: parts of
 * 2, 2 and 1).
 */
class ConvWeightGradientTest {

    @ParameterizedTest
    @CsvSource({"3, 3, 1, 1, 1, 1, 1, 1", "5, 5, 1, 1, 2, 2, 1, 1", "3, 2, 2, 1, 0, 1, 2, 1", "2, 3, 2, 3, 1, 0, 1, 2"})
    void equalsLibnd4jsBackwardOp(int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW) {
        int n = 5, c = 2, h = 9, w = 8, o = 3;
        int oH = (h + 2 * pH - dH * (kH - 1) - 1) / sH + 1;
        int oW = (w + 2 * pW - dW * (kW - 1) - 1) / sW + 1;
        Nd4j.getRandom().setSeed(kH * 10 + sW);
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, c, h, w).subi(0.5);
        INDArray kernel = Nd4j.rand(DataType.DOUBLE, kH, kW, c, o);
        INDArray bias = Nd4j.rand(DataType.DOUBLE, o);
        INDArray delta = Nd4j.rand(DataType.DOUBLE, n, o, oH, oW).subi(0.5);
        INDArray dx = x.ulike();
        INDArray expectedW = kernel.ulike();
        INDArray expectedB = bias.ulike();
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, kernel, bias, delta)
                .addOutputs(dx, expectedW, expectedB).addIntegerArguments(kH, kW, sH, sW, pH, pW, dH, dW, 0, 0, 0).build());
        long oneSample = (long) (kH * kW * c + 1) * oH * oW;
        for (long limit : new long[] {ConvWeightGradient.MAX_COLS, 2 * oneSample + 1}) {
            ConvWeightGradient g = new ConvWeightGradient(c, h, w, new int[] {kH, kW}, new int[] {sH, sW},
                    new int[] {dH, dW}, new int[] {pH, pW}, oH, oW, limit);
            INDArray dWeights = kernel.ulike();
            INDArray dBias = bias.ulike();
            g.compute(x, delta, dWeights, dBias);
            assertEquals(0.0, expectedW.sub(dWeights).amaxNumber().doubleValue(), 1e-12, "kernel, limit " + limit);
            assertEquals(0.0, expectedB.sub(dBias).amaxNumber().doubleValue(), 1e-12, "bias, limit " + limit);
            INDArray floatWeights = kernel.castTo(DataType.FLOAT).ulike();
            INDArray floatBias = bias.castTo(DataType.FLOAT).ulike();
            g.compute(x.castTo(DataType.FLOAT), delta.castTo(DataType.FLOAT), floatWeights, floatBias);
            assertEquals(0.0, expectedW.sub(floatWeights.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-5,
                    "float kernel, limit " + limit);
            assertEquals(0.0, expectedB.sub(floatBias.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-5,
                    "float bias, limit " + limit);
        }
    }
}
