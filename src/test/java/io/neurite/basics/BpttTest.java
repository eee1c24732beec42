package io.neurite.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neurite.core.Shape;
import io.neurite.model.Model;
import io.neurite.train.Optimizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** BPTT for T = 3: the three-path sum by hand against central differences, SameDiff's autodiff and a DSL layer. */
class BpttTest {
    private static final double[] X = {0.5, -1.0, 2.0};

    private static double loss(double w, double u, double s0, double y) {
        double s = s0;
        for (double x : X) s = Math.tanh(w * s + u * x);
        return (s - y) * (s - y);
    }

    @Test
    void threePathsSumToTheGradientAndAutodiffAgrees() {
        double w = 0.8, u = 0.6, s0 = 0.3, y = 0.2;
        Bptt.Paths p = Bptt.byHand(w, u, s0, X, y);
        assertEquals(3, p.paths().length);
        assertEquals(p.paths()[0] + p.paths()[1] + p.paths()[2], p.dLdw(), 1e-15);
        double h = 1e-6;
        double numerical = (loss(w + h, u, s0, y) - loss(w - h, u, s0, y)) / (2 * h);
        assertEquals(numerical, p.dLdw(), 1e-8);
        assertEquals(p.dLdw(), Bptt.autodiff(w, u, s0, X, y), 1e-12);
        // path through S3 alone: dL/ds3 * (1 - s3^2) * s2, computed from the states directly
        double[] s = p.states();
        assertEquals(2 * (s[3] - y) * (1 - s[3] * s[3]) * s[2], p.paths()[0], 1e-15);
    }

    /** A one-unit simple RNN layer (s_0 = 0, no bias) has recurrent weight w: its gradient is the same sum. */
    @Test
    void theLayersRecurrentWeightGradientIsTheSameSum() {
        double w = 0.8, u = 0.6, y = 0.2;
        Model m = Model.sequential("scalar-rnn").input(Shape.sequence(3, 1)).dataType(DataType.DOUBLE)
                .simpleRnn(1).lastStep().named("rnn").build().compile(Optimizer.sgd(0.1));
        var layer = m.network().getLayer("rnn");
        layer.getParam("W").assign(u);
        layer.getParam("RW").assign(w);
        layer.getParam("b").assign(0);
        INDArray x = Nd4j.create(X, new long[] {1, 3, 1}, DataType.DOUBLE);
        var pass = m.forward(x);
        double s3 = pass.output().getDouble(0);
        Bptt.Paths p = Bptt.byHand(w, u, 0, X, y);
        assertEquals(p.states()[3], s3, 1e-12);
        pass.backwardFrom(Nd4j.create(new double[][] {{2 * (s3 - y)}}));
        assertEquals(p.dLdw(), pass.gradient("rnn", "RW").getDouble(0), 1e-12);
        assertEquals(0, p.paths()[2], 0, "with s_0 = 0 the path through S1 ends in (1 - s_1^2) s_0 = 0");
    }
}
