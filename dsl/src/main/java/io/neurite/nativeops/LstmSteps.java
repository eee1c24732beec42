package io.neurite.nativeops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LSTM steps (gate blocks i, f, c~, o):
 * <pre>
 *   i, f, o = sigmoid(.)   c~ = tanh(.)   c_t = f c_{t-1} + i c~   h_t = o tanh(c_t)
 * backward, with dh the error of h_t and dc that of c_t from later steps:
 *   do = dh tanh(c_t) o (1 - o)           dc += dh o (1 - tanh(c_t)^2)
 *   di = dc c~ i (1 - i)   df = dc c_{t-1} f (1 - f)   dc~ = dc i (1 - c~^2)   dc_{t-1} = dc f
 * </pre>
 */
final class LstmSteps extends UnrolledSteps {
    private final INDArray cells;          // [T + 1, H, n]: cell states, slots as the z buffer's
    private final INDArray tanhCells;      // [T, H, n]: tanh of each step's new cell state
    private final INDArray[] cell;
    private final INDArray[] tanhCell;
    private final INDArray cNew;           // [H, n]: the unmasked new cell state
    private final INDArray dc;             // [H, n]: error of the cell state after the step being undone
    private final INDArray dcNew;
    private final INDArray gateScratch;    // [2 H, n]
    private final INDArray[] in, forget, candidate, out, inForget;              // per step: views of the gates
    private final INDArray[] dIn, dForget, dCandidate, dOut, dInForget;         // and of their errors
    private final INDArray weights;        // [nIn + H + 1, 4 H]: [Wx; Wh; b]
    private final INDArray weightsOfState;  // [H, 4 H]: its Wh rows
    private final INDArray weightGradient;

    LstmSteps(DataType type, int n, int steps, int nIn, int units, boolean reverse) {
        super(4, type, n, steps, nIn, units, reverse);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            cells = Nd4j.zeros(type, steps + 1, units, n);
            tanhCells = Nd4j.zeros(type, steps, units, n);
            cell = slices(cells);
            tanhCell = slices(tanhCells);
            cNew = Nd4j.zeros(type, units, n);
            dc = Nd4j.zeros(type, units, n);
            dcNew = Nd4j.zeros(type, units, n);
            gateScratch = Nd4j.zeros(type, 2L * units, n);
            weights = Nd4j.zeros(type, nIn + units + 1, 4L * units);
            weightsOfState = rows(weights, nIn, units);
            weightGradient = Nd4j.zeros(type, nIn + units + 1, 4L * units);
            in = blocks(gate, 0, 1);
            forget = blocks(gate, 1, 1);
            candidate = blocks(gate, 2, 1);
            out = blocks(gate, 3, 1);
            inForget = blocks(gate, 0, 2);
            dIn = blocks(dgate, 0, 1);
            dForget = blocks(dgate, 1, 1);
            dCandidate = blocks(dgate, 2, 1);
            dOut = blocks(dgate, 3, 1);
            dInForget = blocks(dgate, 0, 2);
        }
    }

    @Override
    void prepare(INDArray w, INDArray b) { stack(w, b, weights); }

    @Override
    void step(int t, boolean masked) {
        Nd4j.gemm(weights, zSlot[readSlot(t)], gate[t], true, false, 1.0, 0.0);
        Pointwise.sigmoid(inForget[t], inForget[t]);
        Pointwise.tanh(candidate[t], candidate[t]);
        Pointwise.sigmoid(out[t], out[t]);
        INDArray cPrev = cell[readSlot(t)];
        INDArray c = masked ? cNew : cell[writeSlot(t)];
        Pointwise.mul(in[t], candidate[t], c);
        Pointwise.mul(forget[t], cPrev, scratch);
        Pointwise.add(c, scratch, c);
        Pointwise.tanh(c, tanhCell[t]);
        INDArray h = masked ? hNew : hSlot[writeSlot(t)];
        Pointwise.mul(out[t], tanhCell[t], h);
        if (masked) {
            keepPadded(hSlot[readSlot(t)], hNew, hSlot[writeSlot(t)], t);
            keepPadded(cPrev, cNew, cell[writeSlot(t)], t);
        }
    }

    @Override
    void startBackward() { dc.assign(0); }

    @Override
    void stepBack(int t, boolean masked, boolean inputErrors) {
        INDArray dh = maskedError(dhSlot[writeSlot(t)], t, masked);
        INDArray dcT = dc;
        if (masked) {                                   // a padded step passes dc to the previous cell state
            Pointwise.mulAlong(dc, maskStep[t], dcNew, 1);
            Pointwise.sub(dc, dcNew, dc);
            dcT = dcNew;
        }
        INDArray tc = tanhCell[t];
        Pointwise.mul(dh, tc, dOut[t]);                                 // do
        Pointwise.timesOneMinus(out[t], scratch);
        Pointwise.mul(dOut[t], scratch, dOut[t]);
        Pointwise.oneMinusSquare(tc, scratch);                          // dc += dh o (1 - tanh(c)^2)
        Pointwise.mul(scratch, out[t], scratch);
        Pointwise.mul(scratch, dh, scratch);
        Pointwise.add(dcT, scratch, dcT);
        Pointwise.mul(dcT, candidate[t], dIn[t]);                       // di, df
        Pointwise.mul(dcT, cell[readSlot(t)], dForget[t]);
        Pointwise.timesOneMinus(inForget[t], gateScratch);
        Pointwise.mul(dInForget[t], gateScratch, dInForget[t]);
        Pointwise.oneMinusSquare(candidate[t], scratch);                // dc~
        Pointwise.mul(scratch, in[t], scratch);
        Pointwise.mul(dcT, scratch, dCandidate[t]);
        if (masked) {                                                   // dc_{t-1} = dc f + the passed part
            Pointwise.mul(dcT, forget[t], scratch);
            Pointwise.add(dc, scratch, dc);
        } else {
            Pointwise.mul(dc, forget[t], dc);
        }
        if (inputErrors) Nd4j.gemm(weights, dgate[t], dzSlot[readSlot(t)], false, false, 1.0, 1.0);
        else Nd4j.gemm(weightsOfState, dgate[t], dhSlot[readSlot(t)], false, false, 1.0, 1.0);
    }

    @Override
    void weightGradients(INDArray dw, INDArray db) {
        for (int t = 0; t < steps; t++) {
            Nd4j.gemm(zSlot[readSlot(t)], dgate[t], weightGradient, false, true, 1.0, t == 0 ? 0.0 : 1.0);
        }
        unstack(weightGradient, dw, db);
    }
}
