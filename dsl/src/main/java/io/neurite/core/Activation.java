package io.neurite.core;

import java.io.Serializable;
import java.util.Objects;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An activation function g applied element-wise (softmax: per row). Each factory's Javadoc states g and g'.
 * {@link #apply} and {@link #derivative} evaluate them with the same DL4J implementation that training uses.
 */
public final class Activation implements Serializable {
    private final String name;
    private final IActivation dl4j;

    private Activation(String name, IActivation dl4j) {
        this.name = Objects.requireNonNull(name, "name");
        this.dl4j = Objects.requireNonNull(dl4j, "dl4j");
    }

    /** The perceptron's step: g(x) = 1 if x &gt;= 0 else 0, g'(x) = 0 (see {@link BinaryStep}). */
    public static Activation binaryStep() { return new Activation("binary_step", new BinaryStep()); }

    /** g(x) = x, g'(x) = 1. */
    public static Activation linear() { return new Activation("linear", new ActivationIdentity()); }

    /** g(x) = 1 / (1 + e^-x), g'(x) = g(x)(1 - g(x)) which is at most 0.25. */
    public static Activation sigmoid() { return new Activation("sigmoid", new ActivationSigmoid()); }

    /** g(x) = tanh(x), g'(x) = 1 - tanh(x)^2. */
    public static Activation tanh() { return new Activation("tanh", new ActivationTanH()); }

    /** g(x) = max(0, x), g'(x) = 1 for x &gt; 0 else 0. */
    public static Activation relu() { return new Activation("relu", new ReLU()); }

    /**
     * SiLU, also called swish: g(x) = x sigmoid(x), g'(x) = sigmoid(x) (1 + x (1 - sigmoid(x))). Smooth, unbounded
     * above, with a small dip below 0 (minimum about -0.278 at x = -1.278); EfficientNet's activation.
     */
    public static Activation silu() { return new Activation("silu", new SiLU()); }

    /** g(x) = x for x &gt; 0 else slope * x; g'(x) = 1 or slope. Keras' default slope is 0.3, DL4J's 0.01. */
    public static Activation leakyRelu(double slope) {
        return new Activation("leaky_relu(" + slope + ")", new ActivationLReLU(slope));
    }

    /** Leaky ReLU with slope 0.01. */
    public static Activation leakyRelu() { return leakyRelu(0.01); }

    /** g(x)_i = e^{x_i} / sum_j e^{x_j} over each row: class probabilities. */
    public static Activation softmax() { return new Activation("softmax", new ActivationSoftmax()); }

    /** Wraps any DL4J activation under a display name. */
    public static Activation of(String name, IActivation dl4j) { return new Activation(name, dl4j); }

    public String name() { return name; }

    /** The DL4J implementation used when compiling a layer. */
    public IActivation toDl4j() { return dl4j; }

    /** g(x), element-wise (softmax per row); {@code x} is not modified. */
    public INDArray apply(INDArray x) {
        return toDl4j().getActivation(x.dup(), false);
    }

    /** g'(x) element-wise (for softmax, the diagonal of the Jacobian g_i(1 - g_i)); {@code x} is not modified. */
    public INDArray derivative(INDArray x) {
        INDArray ones = Nd4j.onesLike(x);
        if (toDl4j() instanceof ActivationSoftmax) {
            INDArray g = apply(x);
            return g.mul(g.rsub(1.0));
        }
        return toDl4j().backprop(x.dup(), ones).getFirst();
    }

    /** True for the identity, so the compiler can leave the slot empty. */
    public boolean isLinear() { return toDl4j() instanceof ActivationIdentity; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Activation a && a.name.equals(name);
    }

    @Override
    public int hashCode() { return Objects.hash(name); }

    @Override
    public String toString() { return name; }
}
