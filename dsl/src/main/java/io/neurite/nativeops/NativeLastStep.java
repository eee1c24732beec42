package io.neurite.nativeops;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The last real step of sequences [n, f, T] (NCW), as [n, f]: y = sum_t x_t (m_t - m_{t+1}) with m the mask
 * (m_{T+1} = 0), which for right-padded masks is 1 at the last real step and 0 elsewhere. No parameters; the output
 * carries no mask.
 */
public final class NativeLastStep extends NativeStepSelection {
    /** For JSON deserialization only. */
    private NativeLastStep() { }

    private NativeLastStep(Builder b) { super(b); }

    /** The layer; its features are set from the input type. */
    public static NativeLastStep create() { return new NativeLastStep(new Builder()); }

    @Override
    public boolean unrollsSteps() { return true; }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        int steps = (int) input.getShape()[2];
        SDVariable m = mask.castTo(input.dataType());
        SDVariable none = m.get(SDIndex.all(), SDIndex.interval(0, 1)).mul(0);                   // [n, 1] of zeros
        SDVariable next = steps == 1 ? none : sd.concat(1, m.get(SDIndex.all(), SDIndex.interval(1, steps)), none);
        SDVariable last = m.sub(next).reshape(-1, 1, steps);                                    // [n, 1, T]
        return input.mul(last).sum(2);
    }

    @Override
    public String toString() { return "NativeLastStep"; }

    /** Builder (DL4J's pattern); use {@link #create}. */
    public static final class Builder extends org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public NativeLastStep build() { return new NativeLastStep(this); }
    }
}
