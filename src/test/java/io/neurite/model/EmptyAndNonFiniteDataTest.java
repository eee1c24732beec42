package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.DataFormatException;
import io.neurite.data.Dataset;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Empty data, NaN in arrays, impossible kernels and strides, an output listed twice: each named where it enters. */
class EmptyAndNonFiniteDataTest {

    private static Model classifier() {
        return Model.sequential("m").input(Shape.vector(3)).dense(2).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
    }

    private static Dataset data(int n) {
        return Dataset.of(Nd4j.rand(n, 3), Dataset.oneHot(new int[n], 2));
    }

    @Test
    void emptyDataIsNamedInFitEvaluateAndTheValidationSplit() {
        Model m = classifier();
        Dataset none = data(4).take(0);
        assertEquals(0, none.size());
        var fit = assertThrows(IllegalArgumentException.class, () -> m.fit(none, Fit.epochs(1).quiet()));
        assertTrue(fit.getMessage().contains("no training examples"), fit.getMessage());
        var eval = assertThrows(IllegalArgumentException.class, () -> m.evaluate(none));
        assertTrue(eval.getMessage().contains("evaluate got a dataset with no examples"), eval.getMessage());
        var split = assertThrows(IllegalArgumentException.class,
                () -> m.fit(data(1), Fit.epochs(1).validationSplit(0.3).quiet()));
        assertTrue(split.getMessage().contains("validation"), split.getMessage());
    }

    @Test
    void aNanInAnArrayIsNamedByRowAndColumnBeforeTraining() {
        INDArray x = Nd4j.rand(5, 3);
        x.putScalar(3, 2, Double.NaN);
        var e = assertThrows(DataFormatException.class, () -> Dataset.of(x, Dataset.oneHot(new int[5], 2)));
        assertTrue(e.getMessage().contains("features") && e.getMessage().contains("row 3, column 2"), e.getMessage());
        INDArray y = Dataset.oneHot(new int[5], 2);
        y.putScalar(1, 0, Double.POSITIVE_INFINITY);
        var e2 = assertThrows(DataFormatException.class, () -> Dataset.of(Nd4j.rand(5, 3), y));
        assertTrue(e2.getMessage().contains("labels") && e2.getMessage().contains("row 1, column 0"), e2.getMessage());
    }

    @Test
    void impossibleKernelsAndStridesNameTheSetting() {
        var kernel = assertThrows(IllegalArgumentException.class,
                () -> Model.sequential("c").input(Shape.image(8, 8, 1)).conv(4, 0));
        assertTrue(kernel.getMessage().contains("kernel of 0x0"), kernel.getMessage());
        var stride = assertThrows(ModelDefinitionException.class,
                () -> Model.sequential("c").input(Shape.image(8, 8, 1)).conv(4, 3).stride(0));
        assertTrue(stride.getMessage().contains("stride(0) on layer 'conv2d_1' (Conv2D)"), stride.getMessage());
        var pool = assertThrows(IllegalArgumentException.class,
                () -> Model.sequential("c").input(Shape.image(8, 8, 1)).maxPool(2, 0));
        assertTrue(pool.getMessage().contains("stride of 0x0"), pool.getMessage());
    }

    @Test
    void anOutputListedTwiceIsNamed() {
        GraphBuilder g = Model.graph("twice");
        Node out = g.input("x", Shape.vector(2)).dense(1);
        var e = assertThrows(ModelDefinitionException.class, () -> g.output(out, out));
        assertTrue(e.getMessage().contains("'dense_1' is listed twice as an output"), e.getMessage());
    }
}
