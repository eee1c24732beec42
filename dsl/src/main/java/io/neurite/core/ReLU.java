package io.neurite.core;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's ReLU, g(x) = max(0, x), whose backward pass dL/dx = epsilon * step(x) (step(x) = 1 for x &gt; 0, else 0) is
 * libnd4j's legacy {@code step} and a multiply: libnd4j's {@code RectifiedLinearDerivative} op, which DL4J's backward
 * pass calls, took 3-10x as long on [64, 16, 28, 28] floats, one thread (PERFORMANCE.md). The forward pass, the
 * meaning and every result are DL4J's (a subclass, so SameDiff layers translate it as ReLU).
 */
public final class ReLU extends ActivationReLU {

    /** dL/dx, written over {@code in} (as DL4J's activations may); the second element is null (no parameters). */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        Nd4j.getExecutioner().exec(new Step(in, in));
        return new Pair<>(in.muli(epsilon), null);
    }

    @Override
    public boolean equals(Object o) { return o instanceof ReLU; }

    /** Keeps equality symmetric with DL4J's ReLU, whose {@code equals} asks the other side. */
    @Override
    protected boolean canEqual(Object other) { return other instanceof ReLU; }

    @Override
    public int hashCode() { return ReLU.class.hashCode(); }
}
