package io.neurite.nativeops;

import java.util.Arrays;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense layer's pre-activation z = x W + b (x [n, in], W [in, out], b [1, out] or none), z in the activations
 * workspace. One matrix product writes straight into z; DL4J's layers call {@code mmuli}, which computes into a
 * column-major temporary and copies it into z (12% of the MLP 784-512-10's inference, PERFORMANCE.md).
 */
final class Affine {
    private Affine() { }

    /** z = x W + b, or x W when {@code b} is null; {@code layer} names the layer in the error for a wrong input. */
    static INDArray of(INDArray x, INDArray w, INDArray b, LayerWorkspaceMgr workspaces, String layer) {
        if (x.rank() != 2 || x.size(1) != w.size(0)) {
            throw new DL4JInvalidInputException("input of shape " + Arrays.toString(x.shape()) + " to " + layer
                    + ", which expects [n, " + w.size(0) + "]");
        }
        INDArray z = workspaces.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), x.size(0), w.size(1));
        Nd4j.gemm(x.castTo(w.dataType()), w, z, false, false, 1.0, 0.0);
        if (b != null) z.addiRowVector(b);
        return z;
    }
}
