package io.neurite.layers;

import io.neurite.core.Activation;
import io.neurite.core.Init;

/** A layer with weights: it takes a fused activation, a weight initialization and a weight penalty. */
public interface WeightedLayer extends LayerSpec {
    Activation activation();

    /** The chosen initialization, or null for the default that suits the activation ({@link Init#defaultFor}). */
    Init init();

    Penalty penalty();

    WeightedLayer withActivation(Activation activation);

    WeightedLayer withInit(Init init);

    WeightedLayer withPenalty(Penalty penalty);

    /** The initialization actually used. */
    default Init effectiveInit() {
        return init() != null ? init() : Init.defaultFor(activation());
    }

    /** Summary text for activation, init and penalty. */
    default String weightDetails() {
        String s = activation().isLinear() ? "" : activation().name();
        if (init() != null) s += (s.isEmpty() ? "" : ", ") + "init " + init();
        if (!penalty().equals(Penalty.NONE)) s += (s.isEmpty() ? "" : ", ") + penalty();
        return s;
    }
}
