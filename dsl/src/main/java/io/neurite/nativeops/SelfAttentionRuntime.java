package io.neurite.nativeops;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime {@link NativeSelfAttention}: {@link MultiHeadAttention}'s formula with the sequence x [n, d, T] as
 * queries and memory, written as a handful of large products. The steps of all examples are rows X [n T, d]
 * (one copy of x), so each projection is one matrix product; heads are contiguous blocks [n h, T, d / h], so scores
 * S = Q_i K_i^T / sqrt(d / h) + M and A_i V_i are batched products. Backward, with dY the output's error (zero at
 * padded steps): dWo = O^T dY, dO = dY Wo^T, dA_i = dO_i V_i^T, dV_i = A_i^T dO_i, dS = A (dA - rowsum(dA A)),
 * dQ_i = dS_i K_i / sqrt(d / h), dK_i = dS_i^T Q_i / sqrt(d / h), dW_p = X^T dP, db_p = column sums of dP and
 * dX = dQ Wq^T + dK Wk^T + dV Wv^T. The arrays the backward pass reads are kept from the training forward pass in
 * buffers made once per batch size and length.
 */
final class SelfAttentionRuntime extends HandWrittenRuntime {
    private static final String[] PROJECTIONS = {"q", "k", "v"};

    /** The arrays of one input shape [n, d, T]. */
    private static final class Buffers {
        final long n, steps;
        final INDArray rows;                       // X, [n, T, d]
        final INDArray projected;                  // one projection or its error, [n, T, d]
        final INDArray[] heads = new INDArray[3];  // Q, K, V as [n, h, T, dk]
        final INDArray[] headErrors = new INDArray[3];
        final INDArray weights;                    // A, [n, h, T, T]
        final INDArray weightErrors, scratch;      // dA then dS; [n, h, T, T]
        final INDArray rowSums;                    // [n, h, T]
        final INDArray joined;                     // O, [n, T, d]
        final INDArray outputRows;                 // Y or dY, [n, T, d]
        final INDArray inputErrorRows;             // dX, [n, T, d]
        final INDArray padding;                    // [n, T]
        final INDArray bias;                       // M, [n, T, T]
        final INDArray causal;                     // [T, T], null when not causal
        INDArray input, mask;

        Buffers(DataType type, long n, long d, int h, long steps, boolean causal) {
            this.n = n;
            this.steps = steps;
            long dk = d / h;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                rows = Nd4j.create(type, new long[] {n, steps, d}, 'c');
                projected = Nd4j.create(type, new long[] {n, steps, d}, 'c');
                for (int p = 0; p < 3; p++) {
                    heads[p] = Nd4j.create(type, new long[] {n, h, steps, dk}, 'c');
                    headErrors[p] = Nd4j.create(type, new long[] {n, h, steps, dk}, 'c');
                }
                weights = Nd4j.create(type, new long[] {n, h, steps, steps}, 'c');
                weightErrors = Nd4j.create(type, new long[] {n, h, steps, steps}, 'c');
                scratch = Nd4j.create(type, new long[] {n, h, steps, steps}, 'c');
                rowSums = Nd4j.create(type, new long[] {n, h, steps}, 'c');
                joined = Nd4j.create(type, new long[] {n, steps, d}, 'c');
                outputRows = Nd4j.create(type, new long[] {n, steps, d}, 'c');
                inputErrorRows = Nd4j.create(type, new long[] {n, steps, d}, 'c');
                padding = Nd4j.create(type, new long[] {n, steps}, 'c');
                bias = Nd4j.create(type, new long[] {n, steps, steps}, 'c');
                this.causal = causal ? MultiHeadAttention.causalMask(steps, steps, type) : null;
            }
        }

        boolean fits(DataType type, long n, long steps) {
            return this.n == n && this.steps == steps && rows.dataType() == type;
        }
    }

    private Buffers training, inference;
    private final ColumnSums columnSums = new ColumnSums();

    SelfAttentionRuntime(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

    private NativeSelfAttention config() { return (NativeSelfAttention) layerConf(); }

    private Buffers buffers(boolean forTraining, INDArray x) {
        Buffers b = forTraining ? training : inference;
        if (b == null || !b.fits(x.dataType(), x.size(0), x.size(2))) {
            NativeSelfAttention c = config();
            b = new Buffers(x.dataType(), x.size(0), c.getFeatures(), c.getHeads(), x.size(2), c.isCausal());
            if (forTraining) training = b;
            else inference = b;
        }
        return b;
    }

    private long d() { return config().getFeatures(); }

    private double scale() { return 1.0 / Math.sqrt((double) d() / config().getHeads()); }

    /** [n, T, d] as rows [n T, d]. */
    private static INDArray flat(INDArray rows) { return rows.reshape('c', rows.size(0) * rows.size(1), rows.size(2)); }

    /** [n, h, T, x] as [n h, T, x]. */
    private static INDArray batched(INDArray a) { return a.reshape('c', a.size(0) * a.size(1), a.size(2), a.size(3)); }

    /** The view [n, h, T, dk] of rows [n, T, d]. */
    private INDArray headView(INDArray rows) {
        int h = config().getHeads();
        return rows.reshape('c', rows.size(0), rows.size(1), h, d() / h).permute(0, 2, 1, 3);
    }

    /** c = alpha op(a) op(b), batched over leading dimensions. */
    private static void product(INDArray a, boolean ta, INDArray b, boolean tb, INDArray c, double alpha, double beta) {
        Nd4j.exec(new Mmul(a, b, c, alpha, beta, MMulTranspose.builder().transposeA(ta).transposeB(tb).build()));
    }

    @Override
    INDArray forward(INDArray x, INDArray mask, boolean isTraining, LayerWorkspaceMgr workspaces) {
        Buffers b = buffers(isTraining, x);
        long d = d();
        b.rows.assign(x.permute(0, 2, 1));
        INDArray rows = flat(b.rows), projected = flat(b.projected);
        for (int p = 0; p < 3; p++) {
            product(rows, false, paramTable.get("W" + PROJECTIONS[p]), false, projected, 1, 0);
            Nd4j.exec(new BroadcastAddOp(projected, paramTable.get("b" + PROJECTIONS[p]).reshape(d), projected, 1));
            b.heads[p].assign(headView(b.projected));
        }
        INDArray scores = batched(b.weights);
        product(batched(b.heads[0]), false, batched(b.heads[1]), true, scores, scale(), 0);
        if (mask != null || b.causal != null) {
            b.bias.assign(0);
            if (mask != null) {
                b.padding.assign(mask).rsubi(1.0).muli(MultiHeadAttention.MASKED);
                Nd4j.exec(new BroadcastAddOp(b.bias, b.padding, b.bias, 0, 2));
            }
            if (b.causal != null) Nd4j.exec(new BroadcastAddOp(b.bias, b.causal, b.bias, 1, 2));
            Nd4j.exec(new BroadcastAddOp(b.weights, b.bias, b.weights, 0, 2, 3));
        }
        Nd4j.exec(new SoftMax(b.weights, b.weights, 3));
        INDArray headOutputs = b.headErrors[0];                     // scratch here: the errors come in backward
        product(scores, false, batched(b.heads[2]), false, batched(headOutputs), 1, 0);
        headView(b.joined).assign(headOutputs);
        product(flat(b.joined), false, paramTable.get("Wo"), false, flat(b.outputRows), 1, 0);
        Nd4j.exec(new BroadcastAddOp(flat(b.outputRows), paramTable.get("bo").reshape(d), flat(b.outputRows), 1));
        INDArray y = workspaces.create(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        y.assign(b.outputRows.permute(0, 2, 1));
        if (mask != null) Nd4j.exec(new BroadcastMulOp(y, mask, y, 0, 2));
        b.input = isTraining ? input : null;
        b.mask = isTraining ? mask : null;
        return y;
    }

    @Override
    INDArray backward(INDArray dy, LayerWorkspaceMgr workspaces) {
        Buffers b = training;
        if (b == null || b.input != input) {
            throw new IllegalStateException("NativeSelfAttention: backward pass without a training forward pass on this input");
        }
        long d = d();
        double scale = scale();
        INDArray outputErrors = flat(b.outputRows);
        b.outputRows.assign(dy.permute(0, 2, 1));
        if (b.mask != null) Nd4j.exec(new BroadcastMulOp(b.outputRows, b.mask, b.outputRows, 0, 1));
        product(flat(b.joined), true, outputErrors, false, gradientOf("Wo"), 1, 0);
        columnSums.sum(outputErrors, gradientOf("bo"));
        INDArray projected = flat(b.projected);
        product(outputErrors, false, paramTable.get("Wo"), true, projected, 1, 0);
        INDArray headOutputErrors = b.headErrors[0];                // dO per head; dQ is written only after its use
        headOutputErrors.assign(headView(b.projected));
        INDArray weights = batched(b.weights), errors = batched(b.weightErrors);
        product(batched(headOutputErrors), false, batched(b.heads[2]), true, errors, 1, 0);
        product(weights, true, batched(headOutputErrors), false, batched(b.headErrors[2]), 1, 0);
        Pointwise.mul(b.weightErrors, b.weights, b.scratch);
        b.scratch.sum(b.rowSums, 3);
        Nd4j.exec(new BroadcastSubOp(b.weightErrors, b.rowSums, b.weightErrors, 0, 1, 2));
        Pointwise.mul(b.weightErrors, b.weights, b.weightErrors);
        product(errors, false, batched(b.heads[1]), false, batched(b.headErrors[0]), scale, 0);
        product(errors, true, batched(b.heads[0]), false, batched(b.headErrors[1]), scale, 0);
        INDArray rows = flat(b.rows), inputErrors = flat(b.inputErrorRows);
        for (int p = 0; p < 3; p++) {
            headView(b.projected).assign(b.headErrors[p]);
            product(rows, true, projected, false, gradientOf("W" + PROJECTIONS[p]), 1, 0);
            columnSums.sum(projected, gradientOf("b" + PROJECTIONS[p]));
            product(projected, false, paramTable.get("W" + PROJECTIONS[p]), true, inputErrors, 1, p == 0 ? 0 : 1);
        }
        INDArray dx = workspaces.create(ArrayType.ACTIVATION_GRAD, dy.dataType(), dy.shape(), 'c');
        dx.assign(b.inputErrorRows.permute(0, 2, 1));
        b.input = null;
        b.mask = null;
        return dx;
    }
}
