package io.neurite.core;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The perceptron's activation as a DL4J activation: g(x) = 1 if x &gt;= 0 else 0, and g'(x) = 0
 * (undefined at 0, taken as 0), so no gradient flows through it: this is why networks trained by
 * backpropagation use smooth activations instead. Use it as {@code Activation.of("binary_step", new BinaryStep())}.
 */
public final class BinaryStep extends BaseActivationFunction {

    /** g(x) in place: 1 where x &gt;= 0, else 0. */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray step = in.gte(0.0).castTo(in.dataType());
        return in.assign(step);
    }

    /** dL/dx = g'(x) * epsilon = 0 everywhere; the second element is null (no parameters). */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(Nd4j.zerosLike(in), null);
    }

    @Override
    public boolean equals(Object o) { return o instanceof BinaryStep; }

    @Override
    public int hashCode() { return BinaryStep.class.hashCode(); }

    @Override
    public String toString() { return "binary_step"; }
}
