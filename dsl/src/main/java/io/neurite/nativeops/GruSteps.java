package io.neurite.nativeops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * GRU steps (gate blocks r, z, h~; Keras' reset_after=False), with W_rz and W_h the stacked weights' columns of
 * r, z and of h~:
 * <pre>
 *   r, z = sigmoid(W_rz^T [x_t; h_{t-1}] + b_rz)   h~ = tanh(W_h^T [x_t; r h_{t-1}] + b_h)   h_t = h~ + z (h_{t-1} - h~)
 * backward, with dh the error of h_t:
 *   dh~ = dh (1 - z) (1 - h~^2)   dz = dh (h_{t-1} - h~) z (1 - z)   [dx; d(r h)] = W_h dh~
 *   dr = d(r h) h_{t-1} r (1 - r)   [dx; dh_{t-1}] += W_rz [dr; dz] + [0; dh z + d(r h) r]
 * </pre>
 */
final class GruSteps extends UnrolledSteps {
    private final INDArray resetInputs;    // [T + 1, nIn + H + 1, n]: [x_t; r h_{t-1}; 1], slots as the z buffer's
    private final INDArray[] resetSlot;
    private final INDArray[] resetState;
    private final INDArray resetError;     // [nIn + H + 1, n]: error of [x_t; r h_{t-1}; 1]
    private final INDArray resetErrorInput;
    private final INDArray resetErrorState;
    private final INDArray wGates;         // [2 H, nIn + H + 1]: [W_rz; b_rz]^T
    private final INDArray wCandidate;     // [H, nIn + H + 1]: [W_h; b_h]^T
    private final INDArray wGatesOfState;  // [H, 2 H]: Wh of r and z, contiguous for the backward products
    private final INDArray wCandidateOfState;
    private final INDArray dwGates;
    private final INDArray dwCandidate;
    private final INDArray[] reset, update, candidate, gates;                   // per step: views of the gates
    private final INDArray[] dReset, dUpdate, dCandidate, dGates;               // and of their errors
    private final INDArray[] inputPart;                                         // per slot: [nIn, n] of dz
    private final Product[] gateProducts;          // per step: [r; z] pre-activations = W_rz^T z_t
    private final Product[] candidateProducts;     // h~ pre-activation = W_h^T [x_t; r h_{t-1}; 1]
    private Product[] candidateErrorProducts;      // error of [x_t; r h_{t-1}; 1] = W_h dh~
    private Product[] candidateStateErrorProducts; // error of r h_{t-1} = Wh_h dh~
    private Product[] gateErrorProducts;           // dz_t += W_rz [dr; dz]
    private Product[] gateStateErrorProducts;      // dh_{t-1} += Wh_rz [dr; dz]
    private Product[] gradientProducts;            // dW_rz (+)= z_t [dr; dz]^T, dW_h (+)= [x_t; r h_{t-1}; 1] dh~^T

    GruSteps(DataType type, int n, int steps, int nIn, int units, boolean reverse) {
        super(3, type, n, steps, nIn, units, reverse);
        int k = nIn + units + 1;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            resetInputs = withOnes(Nd4j.zeros(type, steps + 1, k, n));
            resetSlot = slices(resetInputs);
            resetState = stateParts(resetSlot);
            resetError = Nd4j.zeros(type, k, n);
            resetErrorInput = rows(resetError, 0, nIn);
            resetErrorState = rows(resetError, nIn, units);
            wGates = Nd4j.zeros(type, 2L * units, k);   // k = nIn + H + 1
            wCandidate = Nd4j.zeros(type, units, k);
            wGatesOfState = Nd4j.zeros(type, units, 2L * units);
            wCandidateOfState = Nd4j.zeros(type, units, units);
            dwGates = Nd4j.zeros(type, k, 2L * units);
            dwCandidate = Nd4j.zeros(type, k, units);
            reset = blocks(gate, 0, 1);
            update = blocks(gate, 1, 1);
            candidate = blocks(gate, 2, 1);
            gates = blocks(gate, 0, 2);
            dReset = blocks(dgate, 0, 1);
            dUpdate = blocks(dgate, 1, 1);
            dCandidate = blocks(dgate, 2, 1);
            dGates = blocks(dgate, 0, 2);
            inputPart = new INDArray[dzSlot.length];
            for (int s = 0; s < inputPart.length; s++) inputPart[s] = rows(dzSlot[s], 0, nIn);
            gateProducts = perStep(t -> new Product(wGates, false, zSlot[readSlot(t)], false, gates[t], 0.0));
            candidateProducts = perStep(t -> new Product(wCandidate, false, resetSlot[readSlot(t)], false, candidate[t], 0.0));
        }
    }

    @Override
    void prepare(INDArray w, INDArray b) {
        stackTransposed(gateColumns(w), b.get(NDArrayIndex.interval(0, 2L * units)), wGates);
        stackTransposed(candidateColumns(w), b.get(NDArrayIndex.interval(2L * units, 3L * units)), wCandidate);
        Pointwise.copy(inputs(z), inputs(resetInputs));
    }

    private INDArray gateColumns(INDArray a) { return a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2L * units)); }

    private INDArray candidateColumns(INDArray a) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(2L * units, 3L * units));
    }

    @Override
    void step(int t, boolean masked) {
        int read = readSlot(t);
        INDArray hPrev = hSlot[read];
        gateProducts[t].run();
        Pointwise.sigmoid(gates[t], gates[t]);
        Pointwise.mul(reset[t], hPrev, resetState[read]);
        candidateProducts[t].run();
        Pointwise.tanh(candidate[t], candidate[t], scratch);
        INDArray h = masked ? hNew : hSlot[writeSlot(t)];
        Pointwise.sub(hPrev, candidate[t], scratch);
        Pointwise.mul(scratch, update[t], scratch);
        Pointwise.add(candidate[t], scratch, h);
        if (masked) keepPadded(hPrev, hNew, hSlot[writeSlot(t)], t);
    }

    @Override
    void startBackward(boolean inputErrors) {
        if (gradientProducts == null) {
            gradientProducts = new Product[2 * steps];
            for (int t = 0; t < steps; t++) {
                double beta = t == 0 ? 0.0 : 1.0;
                gradientProducts[2 * t] = new Product(zSlot[readSlot(t)], false, dGates[t], true, dwGates, beta);
                gradientProducts[2 * t + 1] = new Product(resetSlot[readSlot(t)], false, dCandidate[t], true, dwCandidate, beta);
            }
        }
        if (inputErrors && gateErrorProducts == null) {
            candidateErrorProducts = perStep(t -> new Product(wCandidate, true, dCandidate[t], false, resetError, 0.0));
            gateErrorProducts = perStep(t -> new Product(wGates, true, dGates[t], false, dzSlot[readSlot(t)], 1.0));
        }
        if (!inputErrors && gateStateErrorProducts == null) {
            candidateStateErrorProducts = perStep(t -> new Product(wCandidateOfState, false, dCandidate[t], false, resetErrorState, 0.0));
            gateStateErrorProducts = perStep(t -> new Product(wGatesOfState, false, dGates[t], false, dhSlot[readSlot(t)], 1.0));
        }
        if (!inputErrors) {
            copyStateWeights(wGates, wGatesOfState);
            copyStateWeights(wCandidate, wCandidateOfState);
        }
    }

    @Override
    void stepBack(int t, boolean masked, boolean inputErrors) {
        int read = readSlot(t);
        INDArray hPrev = hSlot[read];
        INDArray dh = maskedError(dhSlot[writeSlot(t)], t, masked);
        Pointwise.oneMinusSquare(candidate[t], scratch);                // dh~
        Pointwise.mul(dh, scratch, dCandidate[t]);
        Pointwise.oneMinus(update[t], scratch);
        Pointwise.mul(dCandidate[t], scratch, dCandidate[t]);
        Pointwise.sub(hPrev, candidate[t], scratch);                    // dz
        Pointwise.mul(dh, scratch, dUpdate[t]);
        Pointwise.timesOneMinus(update[t], scratch);
        Pointwise.mul(dUpdate[t], scratch, dUpdate[t]);
        (inputErrors ? candidateErrorProducts : candidateStateErrorProducts)[t].run();
        Pointwise.mul(resetErrorState, hPrev, dReset[t]);               // dr
        Pointwise.timesOneMinus(reset[t], scratch);
        Pointwise.mul(dReset[t], scratch, dReset[t]);
        if (inputErrors) Pointwise.add(inputPart[read], resetErrorInput, inputPart[read]);
        Pointwise.mul(dh, update[t], scratch);
        Pointwise.add(dhSlot[read], scratch, dhSlot[read]);
        Pointwise.mul(resetErrorState, reset[t], scratch);
        Pointwise.add(dhSlot[read], scratch, dhSlot[read]);
        (inputErrors ? gateErrorProducts : gateStateErrorProducts)[t].run();
    }

    @Override
    void weightGradients(INDArray dw, INDArray db) {
        for (Product p : gradientProducts) p.run();
        unstack(dwGates, gateColumns(dw), db.get(NDArrayIndex.interval(0, 2L * units)));
        unstack(dwCandidate, candidateColumns(dw), db.get(NDArrayIndex.interval(2L * units, 3L * units)));
    }
}
