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
    private final INDArray weights;        // [4 H, nIn + H + 1]: [Wx; Wh; b]^T
    private final INDArray weightsOfState;  // [H, 4 H]: Wh, contiguous for the backward products
    private final INDArray weightGradient;
    private final Product[] gateProducts;              // per step: gate[t] = W^T z_t
    private Product[] errorProducts;                   // dz_t += W dgate_t
    private Product[] stateErrorProducts;              // dh_{t-1} += Wh dgate_t
    private Product[] gradientProducts;                // dW (+)= z_t dgate_t^T

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
            weights = Nd4j.zeros(type, 4L * units, nIn + units + 1);
            weightsOfState = Nd4j.zeros(type, units, 4L * units);
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
            gateProducts = perStep(t -> new Product(weights, false, zSlot[readSlot(t)], false, gate[t], 0.0));
        }
    }

    @Override
    void prepare(INDArray w, INDArray b) { stackTransposed(w, b, weights); }

    @Override
    void step(int t, boolean masked) {
        gateProducts[t].run();
        Pointwise.add(candidate[t], candidate[t], candidate[t]);      // all four blocks in one sigmoid:
        Pointwise.sigmoid(gate[t], gate[t]);                          // c~ = tanh(a) = 2 sigmoid(2a) - 1
        Pointwise.twiceMinusOne(candidate[t], scratch);
        INDArray cPrev = cell[readSlot(t)];
        INDArray c = masked ? cNew : cell[writeSlot(t)];
        Pointwise.mul(in[t], candidate[t], c);
        Pointwise.mul(forget[t], cPrev, scratch);
        Pointwise.add(c, scratch, c);
        Pointwise.tanh(c, tanhCell[t], scratch);
        INDArray h = masked ? hNew : hSlot[writeSlot(t)];
        Pointwise.mul(out[t], tanhCell[t], h);
        if (masked) {
            keepPadded(hSlot[readSlot(t)], hNew, hSlot[writeSlot(t)], t);
            keepPadded(cPrev, cNew, cell[writeSlot(t)], t);
        }
    }

    @Override
    void startBackward(boolean inputErrors) {
        dc.assign(0);
        if (gradientProducts == null) {
            gradientProducts = perStep(t -> new Product(zSlot[readSlot(t)], false, dgate[t], true, weightGradient, t == 0 ? 0.0 : 1.0));
        }
        if (inputErrors && errorProducts == null) {
            errorProducts = perStep(t -> new Product(weights, true, dgate[t], false, dzSlot[readSlot(t)], 1.0));
        }
        if (!inputErrors && stateErrorProducts == null) {
            stateErrorProducts = perStep(t -> new Product(weightsOfState, false, dgate[t], false, dhSlot[readSlot(t)], 1.0));
        }
        if (!inputErrors) copyStateWeights(weights, weightsOfState);
    }

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
        (inputErrors ? errorProducts : stateErrorProducts)[t].run();
    }

    @Override
    void weightGradients(INDArray dw, INDArray db) {
        for (Product p : gradientProducts) p.run();
        unstack(weightGradient, dw, db);
    }
}
