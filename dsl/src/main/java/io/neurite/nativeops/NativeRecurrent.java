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
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A GRU or LSTM layer written with SameDiff primitives (matmul, sigmoid, tanh), unrolled over the steps of each
 * sequence length it meets, sequences in NCW ([n, features, steps]). (libnd4j's {@code gruCell} op has no backward
 * pass, its {@code gru} op's backward pass disagrees with numerical gradients in M2.1, and DL4J's LSTM ignores input
 * masks, so a bidirectional LSTM would read padding.) Per step, with x_t [n, nIn] and h_{t-1} [n, nOut] (h_0 = c_0 = 0):
 * <pre>
 *   GRU:  r = sigmoid(x_t Wx_r + h_{t-1} Wh_r + b_r)        z = sigmoid(x_t Wx_z + h_{t-1} Wh_z + b_z)
 *         h~ = tanh(x_t Wx_h + (r * h_{t-1}) Wh_h + b_h)     h_t = z * h_{t-1} + (1 - z) * h~
 *   LSTM: i, f, o = sigmoid(x_t Wx_g + h_{t-1} Wh_g + b_g)   c~ = tanh(x_t Wx_c + h_{t-1} Wh_c + b_c)
 *         c_t = f * c_{t-1} + i * c~                          h_t = o * tanh(c_t)
 * </pre>
 * Parameters {@code Wx} [nIn, G nOut], {@code Wh} [nOut, G nOut] and {@code b} [G nOut], blocks in the order r, z, h~
 * (GRU, G = 3: Keras' GRU with reset_after=False) or i, f, c~, o (LSTM, G = 4, Keras' order; forget bias starts at 1
 * as Keras' unit_forget_bias), so G (nOut (nIn + nOut) + nOut) parameters; a bidirectional layer has a second set
 * ({@code bWx}, {@code bWh}, {@code bb}) reading each sequence from its last step back to its first, its outputs
 * concatenated or added step by step. A padded step (mask 0) keeps the state and outputs zeros, so each direction
 * starts at its first real step. With {@code lastStep} the output is [n, units]: the forward state at each sequence's
 * last real step (and the backward state at its first step).
 */
public class NativeRecurrent extends NativeLayer {
    private static final String[] FORWARD = {"Wx", "Wh", "b"};
    private static final String[] BACKWARD = {"bWx", "bWh", "bb"};

    /** The cell, with its number of weight blocks. */
    public enum Cell {
        GRU(3), LSTM(4);

        private final int blocks;

        Cell(int blocks) { this.blocks = blocks; }
    }

    /** How a bidirectional layer merges its two directions; NONE reads forward only. */
    public enum Directions { NONE, CONCAT, SUM }

    @JsonProperty("nIn") private long nIn;
    @JsonProperty("nOut") private long nOut;
    private Cell cell = Cell.GRU;
    private Directions directions = Directions.NONE;
    private boolean lastStep;
    private IWeightInit weightInitFn;

    /** For JSON deserialization only. */
    private NativeRecurrent() { }

    private NativeRecurrent(Builder b) {
        super(b);
        this.nOut = b.nOut;
        this.cell = b.cell;
        this.directions = b.directions;
        this.lastStep = b.lastStep;
        this.weightInitFn = b.weightInitFn;
    }

    public static Builder builder() { return new Builder(); }

    // Bean getters: DL4J's JSON mapper serializes exactly the properties that have one.
    @JsonProperty("nIn") public long getNIn() { return nIn; }
    @JsonProperty("nOut") public long getNOut() { return nOut; }
    public Cell getCell() { return cell; }
    public Directions getDirections() { return directions; }
    public boolean isLastStep() { return lastStep; }
    public IWeightInit getWeightInitFn() { return weightInitFn; }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        for (String[] set : directions == Directions.NONE ? new String[][] {FORWARD} : new String[][] {FORWARD, BACKWARD}) {
            params.addWeightParam(set[0], nIn, cell.blocks * nOut);
            params.addWeightParam(set[1], nOut, cell.blocks * nOut);
            params.addBiasParam(set[2], cell.blocks * nOut);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        for (Map.Entry<String, INDArray> p : params.entrySet()) {
            INDArray w = p.getValue();
            if (p.getKey().endsWith("b")) {
                w.assign(0);
                if (cell == Cell.LSTM) w.get(NDArrayIndex.interval(nOut, 2 * nOut)).assign(1);   // forget gate
            } else weightInitFn.init(w.size(0), w.size(1), w.shape(), 'c', w);
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
        SDVariable wx = params.get(set[0]);
        SDVariable wh = params.get(set[1]);
        SDVariable b = params.get(set[2]);
        SDVariable[] outputs = new SDVariable[steps];
        SDVariable[] state = {null, null};                              // h, and c for the LSTM; null = 0
        for (int i = 0; i < steps; i++) {
            int t = reverse ? steps - 1 - i : i;
            SDVariable gx = input.get(SDIndex.all(), SDIndex.all(), SDIndex.point(t)).mmul(wx).add(b);  // [n, G nOut]
            SDVariable m = mask.get(SDIndex.all(), SDIndex.interval(t, t + 1));     // [n, 1]: 1 real, 0 padded
            SDVariable[] next = cell == Cell.GRU ? gruStep(sd, gx, wh, state[0]) : lstmStep(sd, gx, wh, state);
            if (!lastStep) outputs[t] = next[0].mul(m);
            if (lastStep || i < steps - 1) {                            // a padded step keeps the state
                int kept = lastStep && i == steps - 1 ? 1 : next.length;    // the last c_t is read by nothing
                for (int k = 0; k < kept; k++) {
                    state[k] = state[k] == null ? (k == 0 && !lastStep ? outputs[t] : next[k].mul(m))
                            : state[k].add(next[k].sub(state[k]).mul(m));
                }
            }
        }
        return lastStep ? state[0] : sd.stack(2, outputs);
    }

    /** One GRU step: {h_t} from the input part gx = x_t Wx + b and h_{t-1} (null for 0). */
    private SDVariable[] gruStep(SameDiff sd, SDVariable gx, SDVariable wh, SDVariable h) {
        SDVariable gates = block(gx, 0, 2);
        if (h != null) gates = gates.add(h.mmul(block(wh, 0, 2)));
        SDVariable z = sd.nn().sigmoid(block(gates, 1, 1));
        SDVariable candidateIn = block(gx, 2, 1);
        if (h != null) candidateIn = candidateIn.add(sd.nn().sigmoid(block(gates, 0, 1)).mul(h).mmul(block(wh, 2, 1)));
        SDVariable candidate = sd.math().tanh(candidateIn);
        return new SDVariable[] {h == null ? z.rsub(1.0).mul(candidate) : h.add(z.rsub(1.0).mul(candidate.sub(h)))};
    }

    /** One LSTM step: {h_t, c_t} from the input part gx = x_t Wx + b and {h_{t-1}, c_{t-1}} (nulls for 0). */
    private SDVariable[] lstmStep(SameDiff sd, SDVariable gx, SDVariable wh, SDVariable[] state) {
        SDVariable z = state[0] == null ? gx : gx.add(state[0].mmul(wh));
        SDVariable in = sd.nn().sigmoid(block(z, 0, 1));
        SDVariable candidate = sd.math().tanh(block(z, 2, 1));
        SDVariable c = state[1] == null ? in.mul(candidate)
                : sd.nn().sigmoid(block(z, 1, 1)).mul(state[1]).add(in.mul(candidate));
        return new SDVariable[] {sd.nn().sigmoid(block(z, 3, 1)).mul(sd.math().tanh(c)), c};
    }

    /** Columns of blocks {@code first} to {@code first + count - 1} (nOut columns each). */
    private SDVariable block(SDVariable a, int first, int count) {
        return a.get(SDIndex.all(), SDIndex.interval(first * nOut, (first + count) * nOut));
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
        throw new IllegalArgumentException("NativeRecurrent" + (getLayerName() != null ? " '" + getLayerName() + "'" : "")
                + ": needs a sequence in NCW layout ([n, features, steps]), got " + inputType);
    }

    @Override
    public String toString() {
        return "NativeRecurrent(" + cell + ", nIn=" + nIn + ", nOut=" + nOut + ", directions=" + directions + ", lastStep=" + lastStep + ")";
    }

    /** Builder; defaults: GRU, forward only, every step returned. */
    public static final class Builder extends org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer.Builder<Builder> {
        private long nOut;
        private Cell cell = Cell.GRU;
        private Directions directions = Directions.NONE;
        private boolean lastStep;
        private IWeightInit weightInitFn;

        private Builder() { }

        /** Hidden units per direction. */
        public Builder nOut(long nOut) {
            if (nOut <= 0) throw new IllegalArgumentException("NativeRecurrent: nOut must be positive, got " + nOut);
            this.nOut = nOut;
            return this;
        }

        public Builder cell(Cell cell) { this.cell = cell; return this; }

        public Builder directions(Directions directions) { this.directions = directions; return this; }

        /** Output only the last real step ([n, units]) instead of every step. */
        public Builder lastStep(boolean lastStep) { this.lastStep = lastStep; return this; }

        public Builder weightInit(IWeightInit weightInit) { this.weightInitFn = weightInit; return this; }

        @Override
        @SuppressWarnings("unchecked")
        public NativeRecurrent build() {
            if (nOut <= 0) throw new IllegalArgumentException("NativeRecurrent: nOut (units) must be set");
            return new NativeRecurrent(this);
        }
    }
}
