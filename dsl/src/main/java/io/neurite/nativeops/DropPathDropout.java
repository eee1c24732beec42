package io.neurite.nativeops;

import java.util.Objects;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Drop-path (stochastic depth, Huang et al. 2016) as a DL4J dropout: in training each example's whole input is kept
 * with probability 1 - rate and scaled by 1 / (1 - rate), or zeroed: y[i, ...] = m_i x[i, ...] with
 * m_i in {0, 1 / (1 - rate)}; the gradient passes through the same m_i. Put on the residual branch before the add, it
 * drops the whole block for that example. Inference leaves the input unchanged (DL4J applies dropouts only in training).
 */
public final class DropPathDropout implements IDropout {
    private double rate;
    private transient INDArray mask;

    /** For JSON deserialization. */
    private DropPathDropout() { }

    public DropPathDropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("drop-path rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    public double getRate() { return rate; }

    @Override
    public INDArray applyDropout(INDArray input, INDArray result, int iteration, int epoch, LayerWorkspaceMgr mgr) {
        long n = input.size(0);
        // in the INPUT workspace, as DL4J's own Dropout keeps its mask: it lives until backprop has used it
        mask = mgr.createUninitialized(ArrayType.INPUT, input.dataType(), new long[] {n}, 'c');
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1 - rate));
        mask.divi(1 - rate);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(input, mask, result, 0));
        return result;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        Objects.requireNonNull(mask, "DropPathDropout.backprop before applyDropout");
        Nd4j.getExecutioner().exec(new BroadcastMulOp(gradAtOutput, mask, gradAtInput, 0));
        return gradAtInput;
    }

    @Override
    public void clear() { mask = null; }

    @Override
    public DropPathDropout clone() { return new DropPathDropout(rate); }

    @Override
    public boolean equals(Object o) { return o instanceof DropPathDropout d && d.rate == rate; }

    @Override
    public int hashCode() { return Double.hashCode(rate); }

    @Override
    public String toString() { return "DropPathDropout(" + rate + ")"; }
}
