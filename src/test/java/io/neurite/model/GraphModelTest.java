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

    @Test
    void aValueKeepsMeaningWhatItMeantWhenCreated() {
        GraphBuilder g = Model.graph("immutable").seed(1).dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        Node x = g.input("x", Shape.vector(3));
        Node h = x.dense(4);
        Node a = h.relu();
        Model m = g.output(a.add(h)).build()
                .compile(io.neurite.train.Loss.mse(), io.neurite.train.Optimizer.sgd(0.1));
        org.nd4j.linalg.api.ndarray.INDArray in = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 5, 3).subi(0.5);
        org.nd4j.linalg.api.ndarray.INDArray z = in.mmul(m.weights("dense_1")).addRowVector(m.bias("dense_1"));
        org.nd4j.linalg.api.ndarray.INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.relu(z, true).add(z);
        assertEquals(0, m.predict(in).sub(expected).norm2Number().doubleValue(), 1e-12, "relu(h) + h, not relu(h) + relu(h)");
    }

    @Test
    void anActivationThatIsTheOnlyReaderIsComputedWithItsLayer() {
        GraphBuilder g = Model.graph("fused");
        Node x = g.input("x", Shape.vector(3));
        Node hidden = x.dense(4).relu().named("hidden");
        Model m = g.output(hidden.dense(2).softmax()).build();
        assertEquals(java.util.List.of("hidden", "dense_2"), m.spec().nodes().stream().map(n -> n.name()).toList());
        assertEquals("relu", ((io.neurite.layers.Dense) m.spec().node("hidden").layer()).activation().name());
        assertEquals(3 * 4 + 4 + 4 * 2 + 2, m.summaryTable().totalParams());
    }
}
