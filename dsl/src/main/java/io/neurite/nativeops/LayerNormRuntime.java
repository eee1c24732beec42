package io.neurite.nativeops;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime {@link NativeLayerNorm}, over the features (dimension 1) of x [n, d] or [n, d, steps]. Forward:
 * x^ = (x - mean) / s with s = sqrt(var + epsilon), y = gamma x^ + beta. Backward, with g = gamma dy:
 * dx = (g - mean(g) - x^ mean(g x^)) / s (means over the features), dgamma = sum dy x^, dbeta = sum dy (sums over
 * examples and steps). x^ and s are kept from the training pass in buffers made once per input shape.
 */
final class LayerNormRuntime extends HandWrittenRuntime {
    /** The arrays of one input shape: x^, s, and scratch of x's shape and of the statistics' shape. */
    private static final class Buffers {
        final long[] shape;
        final INDArray normalized, centred, scratch, deviation, mean, meanProduct;
        INDArray input;

        Buffers(DataType type, long[] shape) {
            this.shape = shape;
            long[] stats = shape.length == 3 ? new long[] {shape[0], shape[2]} : new long[] {shape[0]};
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                normalized = Nd4j.create(type, shape, 'c');
                centred = Nd4j.create(type, shape, 'c');
                scratch = Nd4j.create(type, shape, 'c');
                deviation = Nd4j.create(type, stats, 'c');
                mean = Nd4j.create(type, stats, 'c');
                meanProduct = Nd4j.create(type, stats, 'c');
            }
        }
    }

    private Buffers training, inference;

    LayerNormRuntime(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

    private NativeLayerNorm config() { return (NativeLayerNorm) layerConf(); }

    /** The dimensions of x that each example's statistics span: examples, and steps of a sequence. */
    private static int[] statDims(INDArray x) { return x.rank() == 3 ? new int[] {0, 2} : new int[] {0}; }

    private Buffers buffers(boolean forTraining, INDArray x) {
        Buffers b = forTraining ? training : inference;
        if (b == null || !Arrays.equals(b.shape, x.shape()) || b.normalized.dataType() != x.dataType()) {
            b = new Buffers(x.dataType(), x.shape());
            if (forTraining) training = b;
            else inference = b;
        }
        return b;
    }

    private INDArray gamma() { return paramTable.get("gamma").reshape(config().getFeatures()); }

    @Override
    INDArray forward(INDArray x, INDArray mask, boolean isTraining, LayerWorkspaceMgr workspaces) {
        Buffers b = buffers(isTraining, x);
        int[] stats = statDims(x);
        x.mean(b.mean, 1);
        Nd4j.exec(new BroadcastSubOp(x, b.mean, b.centred, stats));
        Pointwise.mul(b.centred, b.centred, b.scratch);
        b.scratch.mean(b.deviation, 1);
        b.deviation.addi(config().getEpsilon());
        Nd4j.exec(new Sqrt(b.deviation, b.deviation));
        Nd4j.exec(new BroadcastDivOp(b.centred, b.deviation, b.normalized, stats));
        INDArray y = workspaces.create(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        Nd4j.exec(new BroadcastMulOp(b.normalized, gamma(), y, 1));
        Nd4j.exec(new BroadcastAddOp(y, paramTable.get("beta").reshape(config().getFeatures()), y, 1));
        b.input = isTraining ? input : null;
        return y;
    }

    @Override
    INDArray backward(INDArray dy, LayerWorkspaceMgr workspaces) {
        Buffers b = training;
        if (b == null || b.input != input) {
            throw new IllegalStateException("NativeLayerNorm: backward pass without a training forward pass on this input");
        }
        int[] stats = statDims(dy);
        long d = config().getFeatures();
        dy.sum(gradientOf("beta").reshape(d), stats);
        Pointwise.mul(dy, b.normalized, b.scratch);
        b.scratch.sum(gradientOf("gamma").reshape(d), stats);
        INDArray g = b.centred;                                          // the centred input is not needed any more
        Nd4j.exec(new BroadcastMulOp(dy, gamma(), g, 1));
        g.mean(b.mean, 1);
        Pointwise.mul(g, b.normalized, b.scratch);
        b.scratch.mean(b.meanProduct, 1);
        Nd4j.exec(new BroadcastSubOp(g, b.mean, g, stats));
        Nd4j.exec(new BroadcastMulOp(b.normalized, b.meanProduct, b.scratch, stats));
        Pointwise.sub(g, b.scratch, g);
        INDArray dx = workspaces.create(ArrayType.ACTIVATION_GRAD, dy.dataType(), dy.shape(), 'c');
        Nd4j.exec(new BroadcastDivOp(g, b.deviation, dx, stats));
        b.input = null;
        return dx;
    }
}
