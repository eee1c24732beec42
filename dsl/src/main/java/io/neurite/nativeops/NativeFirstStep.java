package io.neurite.nativeops;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The first step of sequences [n, d, steps] (NCW) as vectors [n, d]: y = x[:, :, 0]. No parameters; the sequence's
 * mask ends here (a vector has no steps).
 */
public final class NativeFirstStep extends NativeStepSelection {
    /** For JSON deserialization only. */
    private NativeFirstStep() { }

    private NativeFirstStep(Builder b) { super(b); }

    public static NativeFirstStep of() { return new NativeFirstStep(new Builder()); }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        return input.get(SDIndex.all(), SDIndex.all(), SDIndex.point(0));
    }

    @Override
    public String toString() { return "NativeFirstStep"; }

    /** Builder (DL4J's pattern); use {@link #of}. */
    public static final class Builder extends org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public NativeFirstStep build() { return new NativeFirstStep(this); }
    }
}
