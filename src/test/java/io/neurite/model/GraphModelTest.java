package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import io.neurite.core.Shape;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Graph models wired by values: residual additions and concatenations infer shapes and count parameters. */
class GraphModelTest {

    @Test
    void residualBlockKeepsShapeAndCountsBothConvolutions() {
        GraphBuilder g = Model.graph("resnet-block");
        Node x = g.input("image", Shape.image(32, 32, 64));
        Node y = x.conv(64, 3).same().batchNorm().relu().conv(64, 3).same().batchNorm();
        Node out = y.add(x).relu();
        Model m = g.output(out.globalAvgPool().dense(10).softmax()).build();
        Summary s = m.summaryTable();
        assertEquals(Shape.image(32, 32, 64), s.row("add_1").outputShape());
        // two convs 3*3*64*64 + 64 = 36,928 each; two batch norms 4*64 = 256 each; dense 64*10 + 10 = 650
        assertEquals(2 * 36_928 + 2 * 256 + 650, s.totalParams());
        assertEquals(2 * 128, s.nonTrainableParams());
        assertEquals(java.util.List.of("batchnorm_2", "image"), s.row("add_1").inputs());
    }

    @Test
    void inceptionStyleConcatSumsChannelsAndRuns() {
        GraphBuilder g = Model.graph("inception");
        Node x = g.input("image", Shape.image(12, 12, 8));
        Node a = x.conv(4, 1).relu();
        Node b = x.conv(6, 3).same().relu();
        Node c = x.maxPool(3, 1).same().conv(2, 1).relu();
        Node joined = a.concat(b, c);
        Model m = g.output(joined.globalAvgPool().dense(3).softmax()).build()
                .compile(io.neurite.train.Loss.crossEntropy(), io.neurite.train.Optimizer.adam(1e-3));
        assertEquals(Shape.image(12, 12, 12), m.summaryTable().row("concat_1").outputShape());
        assertArrayEquals(new long[] {5, 3}, m.predict(Nd4j.rand(5, 8, 12, 12)).shape());
    }
}
