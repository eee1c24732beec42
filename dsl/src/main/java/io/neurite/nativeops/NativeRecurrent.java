package io.neurite.nativeops;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A GRU or LSTM layer over sequences in NCW ([n, features, steps]) with a hand-written forward and backward pass of
 * few, large ND4J calls per step ({@link UnrolledSteps}): DL4J's LSTM ignores input masks (a bidirectional LSTM would
 * read padding), DL4J M2.1 has no GRU, and unrolled SameDiff graphs spend their time in per-op overhead. Per step,
 * with x_t [n, nIn] and h_{t-1} [n, nOut] (h_0 = c_0 = 0):
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
 * last real step (and the backward state at its first step). The parameter layout ({@link RecurrentParams}) and the
 * JSON properties are those of the earlier SameDiff implementation of this class, so its saved models load. Reading
 * a network input that no other layer reads, it skips its input's error ({@link InputErrors}).
 */
public class NativeRecurrent extends FeedForwardLayer implements InputErrors.Skippable {
    /** The cell, with its number of weight blocks. */
    public enum Cell {
        GRU(3), LSTM(4);

        private final int blocks;

        Cell(int blocks) { this.blocks = blocks; }

        /** Weight blocks (gates and candidate) per unit. */
        int blocks() { return blocks; }
    }

    /** How a bidirectional layer merges its two directions; NONE reads forward only. */
    public enum Directions { NONE, CONCAT, SUM }

    private Cell cell = Cell.GRU;
    private Directions directions = Directions.NONE;
    private boolean lastStep;
    private boolean readsNetworkInput;

    /** For JSON deserialization only. */
    private NativeRecurrent() {
        super(new Builder());
    }

    private NativeRecurrent(Builder b) {
        super(b);
        this.cell = b.cell;
        this.directions = b.directions;
        this.lastStep = b.lastStep;
    }

    public static Builder builder() { return new Builder(); }

    public Cell getCell() { return cell; }

    public Directions getDirections() { return directions; }

    public boolean isLastStep() { return lastStep; }

    /** Whether its input is a network input that no other layer reads. */
    public boolean readsNetworkInput() { return readsNetworkInput; }

    @Override
    public NativeRecurrent readingNetworkInput() {
        NativeRecurrent copy = (NativeRecurrent) clone();
        copy.readsNetworkInput = true;
        return copy;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType dataType) {
        return Dl4jConfigs.wire(new RecurrentRuntime(conf, dataType), conf, listeners, layerIndex, paramsView,
                initializeParams, initializer());
    }

    @Override
    public RecurrentParams initializer() { return RecurrentParams.INSTANCE; }

    /** Weights from the weight initialization (fan-in and fan-out their rows and columns), biases 0, forget gate 1. */
    void initializeParameters(Map<String, INDArray> params) {
        for (Map.Entry<String, INDArray> p : params.entrySet()) {
            INDArray w = p.getValue();
            if (p.getKey().endsWith("b")) {
                w.assign(0);
                if (cell == Cell.LSTM) w.get(NDArrayIndex.interval(nOut, 2 * nOut)).assign(1);   // forget gate
            } else {
                getWeightInitFn().init(w.size(0), w.size(1), w.shape(), 'c', w);
            }
        }
    }

    /** Output values per step: nOut, twice that when the directions are concatenated. */
    long units() { return directions == Directions.CONCAT ? 2 * nOut : nOut; }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent in = recurrentInput(inputType);
        if (lastStep) return InputType.feedForward(units());
        return in.getTimeSeriesLength() > 0 ? InputType.recurrent(units(), in.getTimeSeriesLength(), RNNFormat.NCW)
                : InputType.recurrent(units(), RNNFormat.NCW);
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
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(getLayerName(), NativeRecurrent.class, inputType, getOutputType(0, inputType))
                .standardMemory(initializer().numParams(this), 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
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
    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private Cell cell = Cell.GRU;
        private Directions directions = Directions.NONE;
        private boolean lastStep;

        private Builder() { }

        /** Hidden units per direction. */
        @Override
        public Builder nOut(long nOut) {
            if (nOut <= 0) throw new IllegalArgumentException("NativeRecurrent: nOut must be positive, got " + nOut);
            return super.nOut(nOut);
        }

        @Override
        public Builder nOut(int nOut) { return nOut((long) nOut); }

        public Builder cell(Cell cell) { this.cell = cell; return this; }

        public Builder directions(Directions directions) { this.directions = directions; return this; }

        /** Output only the last real step ([n, units]) instead of every step. */
        public Builder lastStep(boolean lastStep) { this.lastStep = lastStep; return this; }

        @Override
        @SuppressWarnings("unchecked")
        public NativeRecurrent build() {
            if (nOut <= 0) throw new IllegalArgumentException("NativeRecurrent: nOut (units) must be set");
            return new NativeRecurrent(this);
        }
    }
}
