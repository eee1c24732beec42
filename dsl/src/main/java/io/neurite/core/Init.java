package io.neurite.core;

import java.io.Serializable;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;

/** How a layer's weights start. Each factory states its distribution; fanIn / fanOut count connections per unit. */
public record Init(String name, IWeightInit dl4j) implements Serializable {

    /** All weights 0: every unit computes the same thing and learns the same thing (the symmetry problem). */
    public static Init zeros() { return new Init("zeros", WeightInit.ZERO.getWeightInitFunction()); }

    /** U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
    public static Init uniform() { return new Init("uniform", WeightInit.UNIFORM.getWeightInitFunction()); }

    /** N(0, std^2), the same for every layer whatever its size. */
    public static Init normal(double std) {
        return new Init("normal(" + std + ")", new WeightInitDistribution(new NormalDistribution(0, std)));
    }

    /** Xavier/Glorot normal: N(0, 2 / (fanIn + fanOut)); keeps variance steady for tanh and sigmoid layers. */
    public static Init xavier() { return new Init("xavier", WeightInit.XAVIER.getWeightInitFunction()); }

    /** Xavier/Glorot uniform: U(-s, s) with s = sqrt(6 / (fanIn + fanOut)); Keras' default. */
    public static Init xavierUniform() {
        return new Init("xavier_uniform", WeightInit.XAVIER_UNIFORM.getWeightInitFunction());
    }

    /** He/Kaiming normal: N(0, 2 / fanIn); keeps variance steady for ReLU layers. */
    public static Init he() { return new Init("he", WeightInit.RELU.getWeightInitFunction()); }

    /** He/Kaiming uniform: U(-s, s) with s = sqrt(6 / fanIn). */
    public static Init heUniform() { return new Init("he_uniform", WeightInit.RELU_UNIFORM.getWeightInitFunction()); }

    /** The default for a layer followed by {@code activation}: He for the ReLU family, Xavier otherwise. */
    public static Init defaultFor(Activation activation) {
        String n = activation.name();
        return n.startsWith("relu") || n.startsWith("leaky_relu") ? he() : xavier();
    }

    @Override
    public String toString() { return name; }
}
