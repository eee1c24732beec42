package io.neurite.nativeops;

import java.util.function.IntFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One direction of a recurrent layer over batches of one shape: the buffers every step writes, kept between calls and
 * between the forward pass and the backward pass, and the loop over the steps. Arrays are feature-major per step
 * ([features, n], n the batch), so each gate block is a contiguous slice: libnd4j's element-wise kernels run several
 * times faster on those than on the strided column blocks of [n, features]. Per step t the input of the cell is
 * z_t = [x_t; h_prev; 1] ([nIn + H + 1, n]), and the gates take one product with the stacked weights
 * W = [Wx; Wh; b] ([nIn + H + 1, G H], kept as W^T): gates_t = W^T z_t. The backward pass gives the errors of z_t in
 * one product too, dz_t = W dgates_t, whose middle part is the error of h_prev and upper part the input's; the weight and bias
 * gradients are sums over steps of z_t dgates_t^T.
 *
 * <p>The products run as {@link Product}s made once per buffer set (the backward ones at the first backward pass).
 *
 * <p>Slot s of the z buffer ([T + 1, nIn + H + 1, n]) holds the input of one step and the state that step reads.
 * Forward in time, step t reads slot t and writes its state into slot t + 1; backward in time (the second direction
 * of a bidirectional layer), step t reads slot t + 1 and writes slot t. The input, the outputs and the errors are
 * then each one contiguous range of slots in time order. A padded step (mask 0) keeps the state:
 * h = h_prev + m (h_new - h_prev), and likewise the LSTM's cell state.
 */
abstract class UnrolledSteps {
    final int n;
    final int steps;
    final int nIn;
    final int units;
    final boolean reverse;
    final INDArray z;                 // [T + 1, nIn + H + 1, n]
    final INDArray gates;             // [T, G H, n]: the gates' activations per step, in time order
    final INDArray dz;                // [T + 1, nIn + H + 1, n]: errors of z
    final INDArray dgates;            // [T, G H, n]: errors of the gates' pre-activations
    final INDArray maskSteps;         // [T, n]: the mask per step (1 real, 0 padded)
    final INDArray[] zSlot;           // per slot: [nIn + H + 1, n]
    final INDArray[] hSlot;           // per slot: the state part [H, n]
    final INDArray[] dzSlot;
    final INDArray[] dhSlot;
    final INDArray[] gate;            // per step: [G H, n]
    final INDArray[] dgate;
    final INDArray[] maskStep;        // per step: [n]
    final INDArray hNew;              // [H, n] scratch: the unmasked new state
    final INDArray dhNew;             // [H, n] scratch: its error
    final INDArray pass;              // [H, n] scratch: the error a padded step passes to the previous state
    final INDArray scratch;           // [H, n]

    UnrolledSteps(int gateCount, DataType type, int n, int steps, int nIn, int units, boolean reverse) {
        this.n = n;
        this.steps = steps;
        this.nIn = nIn;
        this.units = units;
        this.reverse = reverse;
        int k = nIn + units + 1;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            z = withOnes(Nd4j.zeros(type, steps + 1, k, n));
            dz = Nd4j.zeros(type, steps + 1, k, n);
            gates = Nd4j.zeros(type, steps, gateCount * units, n);
            dgates = Nd4j.zeros(type, steps, gateCount * units, n);
            maskSteps = Nd4j.ones(type, steps, n);
            zSlot = slices(z);
            dzSlot = slices(dz);
            hSlot = stateParts(zSlot);
            dhSlot = stateParts(dzSlot);
            gate = slices(gates);
            dgate = slices(dgates);
            maskStep = new INDArray[steps];
            for (int t = 0; t < steps; t++) maskStep[t] = maskSteps.getRow(t);
            hNew = Nd4j.zeros(type, units, n);
            dhNew = Nd4j.zeros(type, units, n);
            pass = Nd4j.zeros(type, units, n);
            scratch = Nd4j.zeros(type, units, n);
        }
    }

    /** Whether these buffers fit a batch of {@code n} sequences of {@code steps} steps in {@code type}. */
    boolean fits(DataType type, long n, long steps) {
        return z.dataType() == type && this.n == n && this.steps == steps;
    }

    /** The slot step t reads. */
    final int readSlot(int t) { return reverse ? t + 1 : t; }

    /** The slot step t writes its state into. */
    final int writeSlot(int t) { return reverse ? t : t + 1; }

    /** The slot holding the state after the last step read. */
    final int lastSlot() { return reverse ? 0 : steps; }

    /** {@code slots} ([slots, nIn + H + 1, n]) with its last row of every slot set to 1. */
    final INDArray withOnes(INDArray slots) {
        slots.get(NDArrayIndex.all(), NDArrayIndex.point(nIn + units), NDArrayIndex.all()).assign(1);
        return slots;
    }

    /**
     * {@code into} ([columns, nIn + H + 1]) = [w; b]^T: w [nIn + H, columns], b [columns]. The steps' products read
     * the stacked weights in this transposed layout: OpenBLAS takes about 20% less time for W^T z when W^T is stored
     * row-major than when it reads W transposed.
     */
    final void stackTransposed(INDArray w, INDArray b, INDArray into) {
        Pointwise.copy(w.transpose(), columns(into, 0, nIn + units));
        Pointwise.copy(b.reshape(b.length(), 1), columns(into, nIn + units, 1));
    }

    /**
     * {@code into} ([H, columns]) = Wh of stacked weights kept as [Wx; Wh; b]^T ({@code stacked}, [columns, nIn + H + 1]):
     * the backward products read Wh row-major and contiguous (a strided view makes them copy it every step).
     */
    final void copyStateWeights(INDArray stacked, INDArray into) {
        Pointwise.copy(columns(stacked, nIn, units).transpose(), into);
    }

    /** w ([nIn + H, columns]) and b ([columns]) = the rows of {@code stacked} ([nIn + H + 1, columns]). */
    final void unstack(INDArray stacked, INDArray w, INDArray b) {
        Pointwise.copy(rows(stacked, 0, nIn + units), w);
        Pointwise.copy(rows(stacked, nIn + units, 1), b.reshape(1, b.length()));
    }

    /**
     * Runs the steps over {@code x} ([n, nIn, T]) with stacked weights {@code w} ([nIn + H, G H]) and bias {@code b};
     * {@code mask} [n, T] or null.
     */
    final void forward(INDArray x, INDArray w, INDArray b, INDArray mask) {
        Pointwise.copy(x.permute(2, 1, 0), inputs(z));
        if (mask != null) Pointwise.copy(mask.transpose(), maskSteps);
        prepare(w, b);
        for (int i = 0; i < steps; i++) {
            int t = reverse ? steps - 1 - i : i;
            step(t, mask != null);
        }
    }

    /** States after every step in time order: [T, H, n] (zero at padded steps only once masked by the caller). */
    final INDArray states() { return states(z); }

    /** The state after the last step read: [H, n]. */
    final INDArray lastState() { return hSlot[lastSlot()]; }

    /**
     * The backward pass after {@link #forward}: {@code eps} the error of every step's output ([n, H, T] view) or,
     * with {@code lastOnly}, of the last state ([n, H] view); writes the weight and bias gradients into
     * {@code dw} ([nIn + H, G H]) and {@code db}, and, with {@code inputErrors}, leaves the errors of the inputs in
     * {@link #inputErrors()} (else only the errors of the states are computed).
     */
    final void backward(INDArray eps, boolean lastOnly, INDArray dw, INDArray db, boolean masked, boolean inputErrors) {
        dz.assign(0);
        if (lastOnly) Pointwise.copy(eps.transpose(), dhSlot[lastSlot()]);
        else {
            INDArray errors = states(dz);
            Pointwise.copy(eps.permute(2, 1, 0), errors);
            if (masked) Pointwise.mulAlong(errors, maskSteps, errors, 0, 2);
        }
        startBackward(inputErrors);
        for (int i = 0; i < steps; i++) {
            int t = reverse ? i : steps - 1 - i;
            stepBack(t, masked, inputErrors);
        }
        weightGradients(dw, db);
    }

    /** Errors of the inputs in time order: [T, nIn, n]. */
    final INDArray inputErrors() { return inputs(dz); }

    /**
     * The error of the new state from the error {@code d} of the state after step t: d itself unmasked; else
     * m d, with (1 - m) d added to the error of the previous state (a padded step passes its error through).
     */
    final INDArray maskedError(INDArray d, int t, boolean masked) {
        if (!masked) return d;
        Pointwise.mulAlong(d, maskStep[t], dhNew, 1);
        Pointwise.sub(d, dhNew, pass);
        Pointwise.add(dhSlot[readSlot(t)], pass, dhSlot[readSlot(t)]);
        return dhNew;
    }

    /** The state after a step: h_new unmasked, else h_prev + m (h_new - h_prev) written into {@code state}. */
    final void keepPadded(INDArray previous, INDArray updated, INDArray state, int t) {
        Pointwise.sub(updated, previous, scratch);
        Pointwise.mulAlong(scratch, maskStep[t], scratch, 1);
        Pointwise.add(previous, scratch, state);
    }

    /** Called once per forward pass before the steps, with the weights [Wx; Wh] and the bias. */
    abstract void prepare(INDArray w, INDArray b);

    /** One forward step at time t. */
    abstract void step(int t, boolean masked);

    /** Called once per backward pass before the steps, with whether the steps compute the inputs' errors. */
    abstract void startBackward(boolean inputErrors);

    /**
     * One backward step at time t: fills dgate[t] and adds into dz of the slot step t read (only its state part
     * unless {@code inputErrors}).
     */
    abstract void stepBack(int t, boolean masked, boolean inputErrors);

    /** The weight and bias gradients, sums over steps, into {@code dw} ([nIn + H, G H]) and {@code db}. */
    abstract void weightGradients(INDArray dw, INDArray db);

    /** One product per step: {@code make} applied to t = 0 .. T - 1. */
    final Product[] perStep(IntFunction<Product> make) {
        Product[] products = new Product[steps];
        for (int t = 0; t < steps; t++) products[t] = make.apply(t);
        return products;
    }

    /** The input parts of the slots the steps read, in time order: [T, nIn, n]. */
    final INDArray inputs(INDArray slots) {
        int first = readSlot(0);
        return slots.get(NDArrayIndex.interval(first, first + steps), NDArrayIndex.interval(0, nIn), NDArrayIndex.all());
    }

    /** The state parts of the slots the steps write, in time order: [T, H, n]. */
    private INDArray states(INDArray slots) {
        int first = writeSlot(0);
        return slots.get(NDArrayIndex.interval(first, first + steps), NDArrayIndex.interval(nIn, nIn + units),
                NDArrayIndex.all());
    }

    /** The [rows, n] slice of a per-step array from row {@code from}: contiguous. */
    final INDArray rows(INDArray a, long from, long count) {
        return a.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
    }

    /** The [rows, count] slice of a matrix from column {@code from}. */
    private INDArray columns(INDArray a, long from, long count) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + count));
    }

    /** Per step, the view of gate blocks {@code first} to {@code first + count - 1} (H rows each). */
    final INDArray[] blocks(INDArray[] perStep, int first, int count) {
        INDArray[] views = new INDArray[perStep.length];
        for (int t = 0; t < views.length; t++) views[t] = rows(perStep[t], (long) first * units, (long) count * units);
        return views;
    }

    final INDArray[] stateParts(INDArray[] slots) {
        INDArray[] parts = new INDArray[slots.length];
        for (int s = 0; s < slots.length; s++) parts[s] = rows(slots[s], nIn, units);
        return parts;
    }

    static INDArray[] slices(INDArray a) {
        INDArray[] s = new INDArray[(int) a.size(0)];
        for (int i = 0; i < s.length; i++) s[i] = a.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all());
        return s;
    }
}
