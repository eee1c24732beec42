package io.neurite.nativeops;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Column sums of a matrix [rows, columns] (a bias gradient: the sum of the rows' errors) as one matrix product
 * 1^T M with a row of ones kept for the last number of rows: libnd4j's sum along dimension 0 reads the matrix column
 * by column, 36 ms for [2048, 1024] floats against 0.2 ms for the product (one thread).
 */
final class ColumnSums {
    private INDArray ones;

    /** Writes the column sums of {@code m} into {@code out} ([columns] or [1, columns], contiguous). */
    void sum(INDArray m, INDArray out) {
        long rows = m.size(0);
        if (ones == null || ones.length() != rows || ones.dataType() != m.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                ones = Nd4j.ones(m.dataType(), 1, rows);
            }
        }
        Nd4j.gemm(ones, m, out.reshape(1, out.length()), false, false, 1.0, 0.0);
    }
}
