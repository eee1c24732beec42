package io.neurite.nativeops;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;

/** What the layers over whole sequences need of DL4J's input types: sequences in NCW ([n, features, steps]). */
final class NcwSequence {
    private NcwSequence() { }

    /** {@code type} as a sequence type in NCW, or an error naming {@code layer} and what it got. */
    static InputType.InputTypeRecurrent of(InputType type, String layer) {
        if (type instanceof InputType.InputTypeRecurrent r && r.getFormat() == RNNFormat.NCW) return r;
        throw new IllegalArgumentException(layer + ": needs a sequence in NCW layout ([n, features, steps]), got " + type);
    }

    /** A sequence type with the steps of {@code in} and {@code features} values per step. */
    static InputType withFeatures(InputType.InputTypeRecurrent in, long features) {
        return in.getTimeSeriesLength() > 0 ? InputType.recurrent(features, in.getTimeSeriesLength(), RNNFormat.NCW)
                : InputType.recurrent(features, RNNFormat.NCW);
    }
}
