package io.neurite.nativeops;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Layers that skip the error of their input in backward passes when that input is a network input no other layer
 * reads: DL4J's fit needs no error for it (PyTorch likewise skips the gradient of inputs that need none), and for a
 * first dense or recurrent layer it is a sizeable part of the step. Hand-written steps that read input errors turn
 * it back on with {@link #compute}.
 */
public final class InputErrors {
    private InputErrors() { }

    /** A layer configuration that can be marked as reading a network input that no other layer reads. */
    public interface Skippable {
        /** This layer, marked as reading such an input: its runtime layer skips the input's error unless asked. */
        org.deeplearning4j.nn.conf.layers.Layer readingNetworkInput();
    }

    /** A runtime layer whose input's error, when its input is a network input, is computed only on request. */
    interface OnRequest {
        void inputErrorWanted(boolean wanted);
    }

    /**
     * Whether the layers of {@code net} that read a network input compute its error in backward passes from now on
     * (default false).
     */
    public static void compute(ComputationGraph net, boolean on) {
        for (Layer l : net.getLayers()) {
            if (l instanceof OnRequest r) r.inputErrorWanted(on);
        }
    }
}
