package io.neurite.eval;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One row per scored example: the layout in which losses and metrics compare labels with predictions. */
public final class Rows {
    private Rows() { }

    /**
     * Per-step arrays [n, steps, k] as rows [n * steps, k] (row i * steps + t is example i's step t); images
     * [n, c, h, w] as one row of c channels per pixel, [n * h * w, c]; rank-2 arrays as they are.
     */
    public static INDArray of(INDArray a) {
        if (a.rank() == 2) return a;
        INDArray lastAxisChannels = a.rank() == 4 ? a.permute(0, 2, 3, 1) : a;
        long width = lastAxisChannels.size(lastAxisChannels.rank() - 1);
        return lastAxisChannels.dup('c').reshape(new long[] {a.length() / width, width});
    }
}
