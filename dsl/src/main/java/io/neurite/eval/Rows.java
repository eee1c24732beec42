package io.neurite.eval;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One row per scored example: the layout in which losses and metrics compare labels with predictions. */
public final class Rows {
    private Rows() { }

    /**
     * Per-step arrays [n, steps, k] as rows [n * steps, k] (row i * steps + t is example i's step t); rank-2 arrays as
     * they are; higher ranks (images) flattened to [n, everything else].
     */
    public static INDArray of(INDArray a) {
        if (a.rank() == 2) return a;
        long width = a.rank() == 3 ? a.size(2) : a.length() / a.size(0);
        return a.dup('c').reshape(new long[] {a.length() / width, width});
    }
}
