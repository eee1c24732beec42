package io.neurite.nativeops;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A SameDiff layer over sequences [n, features, steps] (NCW) whose feature count comes from its input type: the
 * {@code features} property, its inference and the NCW preprocessor, for subclasses to use in their graphs.
 */
abstract class NativeSequenceLayer extends NativeLayer {
    @JsonProperty("features") protected long features;

    /** For JSON deserialization only. */
    protected NativeSequenceLayer() { }

    protected NativeSequenceLayer(Builder<?> b) { super(b); }

    @JsonProperty("features") public long getFeatures() { return features; }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (features <= 0 || override) features = NcwSequence.of(inputType, toString()).getSize();
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName());
    }
}
