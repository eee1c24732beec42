package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import io.neurite.core.Shape;

import org.junit.jupiter.api.Test;

/** Parameter counts and output shapes in summaries agree with the course's hand counts. */
class SummaryTest {

    /** LeNet-5 on 32x32x1: 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706 parameters. */
    @Test
    void lenet5MatchesHandCount() {
        Model lenet = Model.sequential("lenet5")
                .input(Shape.image(32, 32, 1))
                .conv(6, 5).relu()
                .maxPool(2)
                .conv(16, 5).relu()
                .maxPool(2)
                .flatten()
                .dense(120).relu()
                .dense(84).relu()
                .dense(10).softmax()
                .build();
        Summary s = lenet.summaryTable();
        assertEquals(61_706, s.totalParams());
        assertEquals(61_706, s.trainableParams());
        assertEquals(156, s.row("conv2d_1").params());            // 5*5*1*6 + 6
        assertEquals(Shape.image(28, 28, 6), s.row("conv2d_1").outputShape());
        assertEquals(Shape.image(14, 14, 6), s.row("maxpool2d_1").outputShape());
        assertEquals(2_416, s.row("conv2d_2").params());           // 5*5*6*16 + 16
        assertEquals(Shape.image(5, 5, 16), s.row("maxpool2d_2").outputShape());
        assertEquals(Shape.vector(400), s.row("flatten_1").outputShape());
        assertEquals(48_120, s.row("dense_1").params());           // 400*120 + 120
        assertEquals(10_164, s.row("dense_2").params());           // 120*84 + 84
        assertEquals(850, s.row("dense_3").params());              // 84*10 + 10
    }

    /** 224x224x3 through 64 3x3 filters, stride 1, 'same' padding: 224x224x64 and 3*3*3*64 + 64 = 1,792 parameters. */
    @Test
    void sameConvolutionKeepsSizeAndCountsParams() {
        Model m = Model.sequential("vgg-first").input(Shape.image(224, 224, 3)).conv(64, 3).same().relu().build();
        Summary.Row row = m.summaryTable().row("conv2d_1");
        assertEquals(Shape.image(224, 224, 64), row.outputShape());
        assertEquals(1_792, row.params());
    }

    /** Batch norm on 64 channels: gamma, beta trainable (128), running mean and variance not (128). */
    @Test
    void batchNormStatisticsAreNotTrainable() {
        Model m = Model.sequential("bn").input(Shape.image(8, 8, 3)).conv(64, 3).batchNorm().relu().dense(2).build();
        Summary s = m.summaryTable();
        assertEquals(256, s.row("batchnorm_1").params());
        assertEquals(128, s.nonTrainableParams());
    }
}
