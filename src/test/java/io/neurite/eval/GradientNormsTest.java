package io.neurite.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import io.neurite.basics.GradientNorms;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.model.Model;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class GradientNormsTest {

    /** Softmax regression with mean cross-entropy: dL/dW = X^T (P - Y) / n, P = softmax(X W + b). */
    @Test
    void matchesTheHandFormulaForSoftmaxRegression() {
        Model m = Model.sequential("softmax").input(Shape.vector(4)).dataType(DataType.DOUBLE).seed(3)
                .dense(3).softmax().named("out").build().compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
        INDArray x = Nd4j.createFromArray(new double[][] {
            {0.5, -1.0, 2.0, 0.1}, {1.5, 0.3, -0.2, 0.0}, {-0.7, 0.8, 0.4, 1.2}, {0.0, 0.0, 1.0, -1.0}, {2.0, 1.0, 0.5, 0.3}});
        INDArray y = Dataset.oneHot(new int[] {0, 2, 1, 1, 0}, 3).castTo(DataType.DOUBLE);
        INDArray w = m.network().getParam("out_W");
        INDArray b = m.network().getParam("out_b");
        INDArray p = Transforms.softmax(x.mmul(w).addRowVector(b));
        double expected = x.transpose().mmul(p.sub(y)).div(5).norm2Number().doubleValue();

        Map<String, Double> norms = GradientNorms.perLayer(m, Dataset.of(x, y));

        assertEquals(1, norms.size());
        assertEquals(expected, norms.get("out"), 1e-10);
    }

    @Test
    void needsACompiledModel() {
        Model m = Model.sequential("raw").input(Shape.vector(2)).dense(1).build();
        var e = assertThrows(IllegalStateException.class, () -> GradientNorms.perLayer(m,
                Dataset.of(new double[][] {{1, 2}}, new double[][] {{1}})));
        assertEquals(true, e.getMessage().contains("compile"), e.getMessage());
    }
}
