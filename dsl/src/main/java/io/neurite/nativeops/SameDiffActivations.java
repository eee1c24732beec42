package io.neurite.nativeops;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Translates a DL4J element-wise {@link IActivation} into the equivalent SameDiff op, so that a SameDiff layer
 * computes exactly what the stock DL4J layer with the same activation computes.
 */
final class SameDiffActivations {
    /** Names of the supported activations, for error messages. */
    static final List<String> SUPPORTED = List.of("identity", "relu (plain)", "leakyrelu", "sigmoid", "tanh",
            "elu (alpha 1)", "softplus", "softsign", "swish", "selu");

    private SameDiffActivations() {}

    /** True when {@link #apply} can translate {@code a}. */
    static boolean isSupported(IActivation a) {
        return a instanceof ActivationIdentity || isPlainRelu(a) || a instanceof ActivationLReLU
                || a instanceof ActivationSigmoid || a instanceof ActivationTanH
                || (a instanceof ActivationELU e && e.getAlpha() == 1.0) || a instanceof ActivationSoftPlus
                || a instanceof ActivationSoftSign || a instanceof ActivationSwish || a instanceof ActivationSELU;
    }

    /** g(x) as a SameDiff variable; throws IllegalArgumentException for an activation without an equivalent. */
    static SDVariable apply(IActivation a, SameDiff sd, SDVariable x) {
        if (a instanceof ActivationIdentity) return x;
        if (isPlainRelu(a)) return sd.nn().relu(x, 0.0);
        if (a instanceof ActivationLReLU l) return sd.nn().leakyRelu(x, l.getAlpha());
        if (a instanceof ActivationSigmoid) return sd.nn().sigmoid(x);
        if (a instanceof ActivationTanH) return sd.nn().tanh(x);
        if (a instanceof ActivationELU e && e.getAlpha() == 1.0) return sd.nn().elu(x);
        if (a instanceof ActivationSoftPlus) return sd.nn().softplus(x);
        if (a instanceof ActivationSoftSign) return sd.nn().softsign(x);
        if (a instanceof ActivationSwish) return sd.nn().swish(x);
        if (a instanceof ActivationSELU) return sd.nn().selu(x);
        throw new IllegalArgumentException(unsupported(a));
    }

    static String unsupported(IActivation a) {
        return "activation " + a + " has no SameDiff equivalent here; supported: " + SUPPORTED;
    }

    /** ReLU without a cap, threshold or negative slope: max(0, x). */
    private static boolean isPlainRelu(IActivation a) {
        if (!(a instanceof ActivationReLU r)) return false;
        return r.getMax() == null && (r.getThreshold() == null || r.getThreshold() == 0.0)
                && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0);
    }
}
