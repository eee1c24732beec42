package io.neurite.nativeops;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseTransformSameOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.OneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element-wise arithmetic on arrays of equal shape, written into a given array, with libnd4j's legacy transform
 * kernels. {@code INDArray.mul/add/sub} run libnd4j's broadcasting custom ops, which build an op context per call:
 * about ten times the cost of the legacy pairwise kernel on a [32, 128] array, which matters in a loop of small steps
 * ({@link NativeRecurrent}). Contiguous arrays are several times faster than strided views in these kernels.
 */
final class Pointwise {
    private static final int ADD = 0;       // numbers of libnd4j's PAIRWISE_TRANSFORM_OPS table
    private static final int COPY = 1;
    private static final int MULTIPLY = 3;
    private static final int SUBTRACT = 6;

    private Pointwise() { }

    /** z = x * y. */
    static void mul(INDArray x, INDArray y, INDArray z) { Nd4j.exec(new Pairwise(MULTIPLY, x, y, z)); }

    /** z = x + y. */
    static void add(INDArray x, INDArray y, INDArray z) { Nd4j.exec(new Pairwise(ADD, x, y, z)); }

    /** z = x - y. */
    static void sub(INDArray x, INDArray y, INDArray z) { Nd4j.exec(new Pairwise(SUBTRACT, x, y, z)); }

    /** to = from (any strides, equal shapes). */
    static void copy(INDArray from, INDArray to) { Nd4j.exec(new Pairwise(COPY, to, from, to)); }

    /** z = sigmoid(x). */
    static void sigmoid(INDArray x, INDArray z) { Nd4j.exec(new Sigmoid(x, z)); }

    /** z = tanh(x). */
    static void tanh(INDArray x, INDArray z) { Nd4j.exec(new Tanh(x, z)); }

    /** z = x (1 - x): the sigmoid's derivative from its output. */
    static void timesOneMinus(INDArray x, INDArray z) { Nd4j.exec(new TimesOneMinus(x, z)); }

    /** z = 1 - x. */
    static void oneMinus(INDArray x, INDArray z) { Nd4j.exec(new OneMinus(x, z)); }

    /** z = 1 - x^2: tanh's derivative from its output. */
    static void oneMinusSquare(INDArray x, INDArray z) {
        Nd4j.exec(new Square(x, z));
        oneMinus(z, z);
    }

    /** z = x * y with y repeated along every dimension of x but {@code dimensions}, which y spans. */
    static void mulAlong(INDArray x, INDArray y, INDArray z, int... dimensions) {
        Nd4j.exec(new BroadcastMulOp(x, y, z, dimensions));
    }

    /** A legacy pairwise transform: libnd4j runs {@code opNum} of its pairwise table on x and y into z. */
    private static final class Pairwise extends BaseTransformSameOp {
        private final int opNum;

        Pairwise(int opNum, INDArray x, INDArray y, INDArray z) {
            super(x, y, z);
            this.opNum = opNum;
        }

        @Override public int opNum() { return opNum; }

        @Override public String opName() { return "legacy_pairwise_" + opNum; }

        @Override public String onnxName() { return opName(); }

        @Override public String tensorflowName() { return opName(); }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradients) {
            throw new UnsupportedOperationException("a kernel call, not a SameDiff op");
        }
    }
}
