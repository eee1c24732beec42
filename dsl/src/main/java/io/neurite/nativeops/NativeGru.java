package io.neurite.nativeops;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A GRU layer written with SameDiff primitives (matmul, sigmoid, tanh), unrolled over the steps of each sequence
 * length it meets, sequences in NCW ([n, features, steps]). (libnd4j's {@code gruCell} op has no backward pass, and
 * its {@code gru} op's backward pass disagrees with numerical gradients in M2.1.) Per step, with x_t [n, nIn] and
 * h_{t-1} [n, nOut] (h_0 = 0):
 * <pre>
 *   r = sigmoid(x_t Wx_r + h_{t-1} Wh_r + b_r)        z = sigmoid(x_t Wx_z + h_{t-1} Wh_z + b_z)
 *   h~ = tanh(x_t Wx_h + (r * h_{t-1}) Wh_h + b_h)     h_t = z * h_{t-1} + (1 - z) * h~
 * </pre>
 * Parameters {@code Wx} [nIn, 3 nOut], {@code Wh} [nOut, 3 nOut] and {@code b} [3 nOut], blocks in the order r, z, h~
 * (Keras' GRU with reset_after=False: 3 (nOut (nIn + nOut) + nOut) parameters); a bidirectional layer has a second
 * set ({@code bWx}, {@code bWh}, {@code bb}) reading each sequence from its last step back to its first, its
 * outputs concatenated or added step by step. A padded step (mask 0) keeps the state and outputs zeros, so each
 * direction starts at its first real step. With {@code lastStep} the output is [n, units]: the forward state at each
 * sequence's last real step (and the backward state at its first step).
 */
public class NativeGru extends NativeLayer {
    private static final String[] FORWARD = {"Wx", "Wh", "b"};
    private static final String[] BACKWARD = {"bWx", "bWh", "bb"};

    /** How a bidirectional layer merges its two directions; NONE reads forward only. */
    public enum Directions { NONE, CONCAT, SUM }

    @JsonProperty("nIn") private long nIn;
    @JsonProperty("nOut") private long nOut;
    private Directions directions = Directions.NONE;
    private boolean lastStep;
    private IWeightInit weightInitFn;

    /** For JSON deserialization only. */
    private NativeGru() { }

    private NativeGru(Builder b) {
        super(b);
        this.nOut = b.nOut;
        this.directions = b.directions;
        this.lastStep = b.lastStep;
        this.weightInitFn = b.weightInitFn;
    }

    public static Builder builder() { return new Builder(); }

    // Bean getters: DL4J's JSON mapper serializes exactly the properties that have one.
    @JsonProperty("nIn") public long getNIn() { return nIn; }
    @JsonProperty("nOut") public long getNOut() { return nOut; }
    public Directions getDirections() { return directions; }
    public boolean isLastStep() { return lastStep; }
    public IWeightInit getWeightInitFn() { return weightInitFn; }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        for (String[] set : directions == Directions.NONE ? new String[][] {FORWARD} : new String[][] {FORWARD, BACKWARD}) {
            params.addWeightParam(set[0], nIn, 3 * nOut);
            params.addWeightParam(set[1], nOut, 3 * nOut);
            params.addBiasParam(set[2], 3 * nOut);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        for (Map.Entry<String, INDArray> p : params.entrySet()) {
            INDArray w = p.getValue();
            if (p.getKey().endsWith("b")) w.assign(0);
            else weightInitFn.init(w.size(0), w.size(1), w.shape(), 'c', w);
        }
    }

    @Override
    public boolean unrollsSteps() { return true; }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable forward = run(sd, input, mask, params, FORWARD, false);
        if (directions == Directions.NONE) return forward;
        return merge(sd, 1, forward, run(sd, input, mask, params, BACKWARD, true));
    }

    /**
     * Runs one direction over all steps and returns every step's output (zero at padded steps) in step order, or
     * with {@code lastStep} only the state after the last step read (the state at the last real step, since padding
     * keeps the state). Nothing unused is defined: SameDiff M2.1 mistakes unread values for extra losses.
     */
    private SDVariable run(SameDiff sd, SDVariable input, SDVariable mask, Map<String, SDVariable> params, String[] set,
            boolean reverse) {
        int steps = (int) input.getShape()[2];
        long u = nOut;
        SDVariable wx = params.get(set[0]);
        SDVariable wh = params.get(set[1]);
        SDVariable whGates = null;                                      // defined at the first step that reads h
        SDVariable whCandidate = null;
        SDVariable b = params.get(set[2]);
        SDVariable[] outputs = new SDVariable[steps];
        SDVariable h = null;                                            // h_0 = 0
        for (int i = 0; i < steps; i++) {
            int t = reverse ? steps - 1 - i : i;
            if (h != null && whGates == null) {
                whGates = wh.get(SDIndex.all(), SDIndex.interval(0L, 2 * u));
                whCandidate = wh.get(SDIndex.all(), SDIndex.interval(2 * u, 3 * u));
            }
            SDVariable gx = input.get(SDIndex.all(), SDIndex.all(), SDIndex.point(t)).mmul(wx).add(b);  // [n, 3 nOut]
            SDVariable gates = h == null ? gx.get(SDIndex.all(), SDIndex.interval(0L, 2 * u))
                    : gx.get(SDIndex.all(), SDIndex.interval(0L, 2 * u)).add(h.mmul(whGates));
            SDVariable z = sd.nn().sigmoid(gates.get(SDIndex.all(), SDIndex.interval(u, 2 * u)));
            SDVariable candidateIn = gx.get(SDIndex.all(), SDIndex.interval(2 * u, 3 * u));
            if (h != null) {
                SDVariable r = sd.nn().sigmoid(gates.get(SDIndex.all(), SDIndex.interval(0L, u)));
                candidateIn = candidateIn.add(r.mul(h).mmul(whCandidate));
            }
            SDVariable candidate = sd.math().tanh(candidateIn);
            SDVariable next = h == null ? z.rsub(1.0).mul(candidate) : h.add(z.rsub(1.0).mul(candidate.sub(h)));
            SDVariable m = mask.get(SDIndex.all(), SDIndex.interval(t, t + 1));     // [n, 1]: 1 real, 0 padded
            if (!lastStep) outputs[t] = next.mul(m);
            if (lastStep || i < steps - 1) {
                h = h == null ? (lastStep ? next.mul(m) : outputs[t]) : h.add(next.sub(h).mul(m));  // padding keeps h
            }
        }
        return lastStep ? h : sd.stack(2, outputs);
    }

    private SDVariable merge(SameDiff sd, int axis, SDVariable a, SDVariable b) {
        return directions == Directions.CONCAT ? sd.concat(axis, a, b) : a.add(b);
    }

    private long units() { return directions == Directions.CONCAT ? 2 * nOut : nOut; }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent in = recurrentInput(inputType);
        if (lastStep) return InputType.feedForward(units());
        return in.getTimeSeriesLength() > 0 ? InputType.recurrent(units(), in.getTimeSeriesLength(), RNNFormat.NCW)
                : InputType.recurrent(units(), RNNFormat.NCW);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState state, int minibatchSize) {
        return lastStep ? new Pair<>(null, null) : new Pair<>(maskArray, state);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) nIn = recurrentInput(inputType).getSize();
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName());
    }

    @Override
    public void applyGlobalConfigToLayer(NeuralNetConfiguration.Builder global) {
        if (weightInitFn == null) weightInitFn = global.getWeightInitFn();
    }

    private InputType.InputTypeRecurrent recurrentInput(InputType inputType) {
        if (inputType instanceof InputType.InputTypeRecurrent r && r.getFormat() == RNNFormat.NCW) return r;
        throw new IllegalArgumentException("NativeGru" + (getLayerName() != null ? " '" + getLayerName() + "'" : "")
                + ": needs a sequence in NCW layout ([n, features, steps]), got " + inputType);
    }

    @Override
    public String toString() {
        return "NativeGru(nIn=" + nIn + ", nOut=" + nOut + ", directions=" + directions + ", lastStep=" + lastStep + ")";
    }

    /** Builder; defaults: forward only, every step returned. */
    public static final class Builder extends org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer.Builder<Builder> {
        private long nOut;
        private Directions directions = Directions.NONE;
        private boolean lastStep;
        private IWeightInit weightInitFn;

        private Builder() { }

        /** Hidden units per direction. */
        public Builder nOut(long nOut) {
            if (nOut <= 0) throw new IllegalArgumentException("NativeGru: nOut must be positive, got " + nOut);
            this.nOut = nOut;
            return this;
        }

        public Builder directions(Directions directions) { this.directions = directions; return this; }

        /** Output only the last real step ([n, units]) instead of every step. */
        public Builder lastStep(boolean lastStep) { this.lastStep = lastStep; return this; }

        public Builder weightInit(IWeightInit weightInit) { this.weightInitFn = weightInit; return this; }

        @Override
        @SuppressWarnings("unchecked")
        public NativeGru build() {
            if (nOut <= 0) throw new IllegalArgumentException("NativeGru: nOut (units) must be set");
            return new NativeGru(this);
        }
    }
}
