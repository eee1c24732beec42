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

    /**
     * to = from (any strides, equal shapes): the legacy copy kernel when both are contiguous alike, else libnd4j's
     * assign op. The legacy kernel computes every element's offset on a strided view (4-20 ns per element here; a
     * [32, 64, 50] batch permuted into per-step slots took 1.7 ms of thread time, assign 0.14 ms).
     */
    static void copy(INDArray from, INDArray to) {
        if (from.elementWiseStride() == 1 && to.elementWiseStride() == 1 && from.ordering() == to.ordering()) {
            Nd4j.exec(new Pairwise(COPY, to, from, to));
        } else {
            to.assign(from);
        }
    }

    /** z = sigmoid(x). */
    static void sigmoid(INDArray x, INDArray z) { Nd4j.exec(new Sigmoid(x, z)); }

    /**
     * z = tanh(x), computed as 2 sigmoid(2x) - 1 ({@code scratch} of x's shape): libnd4j's legacy tanh takes about
     * 7.6 ns per element here, its sigmoid 3.6 ns and the three added kernels about 0.5 ns together. The doubling is
     * exact; the result differs from tanh by rounding only (at most 4.5e-16 in double precision, 2.4e-7 in float).
     */
    static void tanh(INDArray x, INDArray z, INDArray scratch) {
        add(x, x, z);
        sigmoid(z, z);
        twiceMinusOne(z, scratch);
    }

    /** s = 2 s - 1, as s - (1 - s) ({@code scratch} of s's shape): turns sigmoid(2x) into tanh(x). */
    static void twiceMinusOne(INDArray s, INDArray scratch) {
        oneMinus(s, scratch);
        sub(s, scratch, s);
    }

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
