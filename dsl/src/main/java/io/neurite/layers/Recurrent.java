package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * A recurrent layer over a sequence (steps, features) with {@code units} hidden units, read in order (and, when
 * bidirectional, also in reverse, the two outputs merged). Cells, with x_t the input and h_{t-1} the previous output:
 * <ul>
 * <li>simple RNN: h_t = tanh(W [h_{t-1}, x_t] + b)</li>
 * <li>LSTM: f, i, o = sigma(W_g [h_{t-1}, x_t] + b_g), c~ = tanh(W_c [h_{t-1}, x_t] + b_c), c_t = f c_{t-1} + i c~,
 *     h_t = o tanh(c_t)</li>
 * <li>GRU: r, z = sigma(W_g [h_{t-1}, x_t] + b_g), h~ = tanh(W_h [r h_{t-1}, x_t] + b_h), h_t = z h_{t-1} + (1 - z) h~
 *     (Cho et al. 2014, Keras' GRU with reset_after=False)</li>
 * </ul>
 * Output: every step, (steps, units), or with {@code lastStep} only the last real step of each sequence, (units)
 * (for a bidirectional layer: the forward direction's last step and the backward direction's first); a bidirectional
 * concat doubles the units. Padded steps (masks) are skipped: they change no state and give zero outputs.
 * <p>
 * Parameters follow <b>Keras' convention, one bias vector per gate</b>: gates * (units * (inputs + units) + units)
 * with 1 gate for the simple RNN, 4 for the LSTM, 3 for the GRU, times 2 when bidirectional. (PyTorch keeps two bias
 * vectors per gate, so its counts are higher by gates * units per direction.)
 */
public record Recurrent(Cell cell, int units, boolean lastStep, Merge bidirectional) implements LayerSpec {
    /** The kind of recurrent cell, with its number of gates (weight blocks). */
    public enum Cell {
        SIMPLE_RNN("SimpleRNN", 1), LSTM("LSTM", 4), GRU("GRU", 3);

        private final String type;
        private final int gates;

        Cell(String type, int gates) { this.type = type; this.gates = gates; }

        /** Weight blocks of the cell: 1 (simple RNN), 4 (LSTM: input, forget, output gates and candidate), 3 (GRU). */
        public int gates() { return gates; }
    }

    /** How a bidirectional layer merges its forward and backward outputs: side by side, or added. */
    public enum Merge { CONCAT, SUM }

    public Recurrent {
        if (units < 1) throw new IllegalArgumentException(cell.type + " needs at least 1 unit, got " + units);
    }

    /** A layer of {@code cell} returning every step, one direction. */
    public static Recurrent of(Cell cell, int units) { return new Recurrent(cell, units, false, null); }

    /** The same layer returning only the last real step. */
    public Recurrent withLastStep() { return new Recurrent(cell, units, true, bidirectional); }

    /** The same layer read in both directions, merged by {@code merge}. */
    public Recurrent withBidirectional(Merge merge) { return new Recurrent(cell, units, lastStep, merge); }

    /** Whether the layer reads the sequence in both directions. */
    public boolean isBidirectional() { return bidirectional != null; }

    /** Values per step (or per example, for the last step) that the layer outputs. */
    public int outputUnits() { return bidirectional == Merge.CONCAT ? 2 * units : units; }

    @Override
    public String type() {
        return isBidirectional() ? "Bidirectional(" + cell.type + ")" : cell.type;
    }

    @Override
    public String details() {
        String merge = isBidirectional() ? bidirectional.name().toLowerCase() : "";
        String last = lastStep ? "last step" : "";
        return merge.isEmpty() || last.isEmpty() ? merge + last : merge + ", " + last;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs);
        if (in.isTokens()) {
            throw new ShapeMismatch("token ids " + in, "a sequence of feature vectors (steps, features) for " + cell.type,
                    "turn token ids into vectors first with .embedding(dimensions)");
        }
        if (!in.isSequence()) {
            throw new ShapeMismatch(in.kind().name().toLowerCase() + " " + in,
                    "a sequence (steps, features) for " + cell.type,
                    "declare the input as Shape.sequence(steps, features), or end the previous recurrent layer with"
                            + " every step (drop its .lastStep())");
        }
        return lastStep ? Shape.vector(outputUnits()) : Shape.sequence(in.steps(), outputUnits());
    }
}
