package io.neurite.nativeops;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalization over the channel axis c of x ([n, c] arriving as [n, c, 1, 1], or an image batch):
 * y = gamma (x - mu) / sqrt(var + eps) + beta, with mu and var (biased: divided by the count) the batch's per-channel
 * statistics in training and the running ones in inference. On float and double arrays with channels on axis 1,
 * everything is {@link ChannelAffine}'s loops: mu and var (the mean of (x - mu)^2), y = x s + t per channel with
 * s = gamma / sigma and t = beta - mu s, and the backward pass's sums and dL/dx. Otherwise mu and var are libnd4j
 * reductions, y is its {@code batchnorm} op, and the backward pass (dL/dx through mu and var too,
 * dL/dgamma, dL/dbeta) is written out in {@link #backpropGradient}. The batch statistics stay here for DL4J's layer,
 * which moves its running statistics towards them after the backward pass.
 */
final class NativeBatchNormHelper implements BatchNormalizationHelper {
    private INDArray batchMean;
    private INDArray batchVar;
    /** The batch statistics as computed by the loops (null after libnd4j's reductions): the backward pass reads them. */
    private double[][] batchStatistics;

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) { return !fixedGammaBeta; }

    @Override
    public boolean checkSupported() { return true; }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray mean,
                              INDArray var, double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        int axis = channelAxis(x, format);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        if (ChannelAffine.applies(x, axis)) {
            double[] m;
            double[] v;
            if (training) {
                double[][] stats = ChannelAffine.meanAndVariance(x);
                batchStatistics = stats;
                m = stats[0];
                v = stats[1];
                try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    batchMean = Nd4j.createFromArray(m).castTo(x.dataType());
                    batchVar = Nd4j.createFromArray(v).castTo(x.dataType());
                }
            } else {
                m = mean.toDoubleVector();
                v = var.toDoubleVector();
            }
            double[] s = vector(gamma).toDoubleVector();
            double[] t = vector(beta).toDoubleVector();
            for (int c = 0; c < s.length; c++) {
                s[c] /= Math.sqrt(v[c] + eps);
                t[c] -= m[c] * s[c];
            }
            ChannelAffine.apply(x, s, t, out);
            return out;
        }
        INDArray mu;
        INDArray sigma2;
        if (training) {
            batchStatistics = null;
            int[] dims = otherAxes(x.rank(), axis);
            INDArray centred = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, x.dataType(), x.shape(), 'c');
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                batchMean = x.mean(dims);
                Nd4j.exec(new BroadcastSubOp(x, batchMean, centred, axis));
                batchVar = centred.muli(centred).mean(dims);
            }
            mu = batchMean;
            sigma2 = batchVar;
        } else {
            mu = mean.reshape(mean.length());
            sigma2 = var.reshape(var.length());
        }
        Nd4j.exec(DynamicCustomOp.builder("batchnorm")
                .addInputs(x, mu, sigma2, vector(gamma), vector(beta))
                .addOutputs(out)
                .addIntegerArguments(1, 1, axis)
                .addFloatingPointArguments(eps)
                .build());
        return out;
    }

    /**
     * With xhat = (x - mu) / sigma, sigma = sqrt(var + eps) and m values per channel: dL/dbeta = sum dy,
     * dL/dgamma = sum dy * xhat, dL/dx = (gamma / sigma) (dy - dL/dbeta / m - xhat dL/dgamma / m). Written as
     * reductions and per-channel broadcasts, this is about twice as fast here as libnd4j's {@code batchnorm_bp}.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        int axis = channelAxis(input, format);
        int[] dims = otherAxes(input.rank(), axis);
        double m = (double) input.length() / input.size(axis);
        if (ChannelAffine.applies(input, axis) && epsilon.dataType() == input.dataType()) {
            return channelLoops(input, epsilon, gamma, dBetaView, dGammaView, eps, m, workspaceMgr);
        }
        INDArray dy = Shape.hasDefaultStridesForShape(epsilon) ? epsilon : epsilon.dup('c');
        INDArray invSigma = Transforms.pow(batchVar.add(eps), -0.5, false);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        Nd4j.exec(new BroadcastSubOp(input, batchMean, dx, axis));
        Nd4j.exec(new BroadcastMulOp(dx, invSigma, dx, axis));                          // dx holds xhat
        INDArray dyXhat = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(), input.shape(), 'c');
        INDArray dBeta = dy.sum(dims);
        INDArray dGamma = Nd4j.exec(new MulOp(dy, dx, dyXhat))[0].sum(dims);
        vector(dBetaView).assign(dBeta);
        vector(dGammaView).assign(dGamma);
        Nd4j.exec(new BroadcastMulOp(dx, dGamma.divi(m), dx, axis));                    // xhat dL/dgamma / m
        dx.rsubi(dy);
        Nd4j.exec(new BroadcastSubOp(dx, dBeta.divi(m), dx, axis));
        Nd4j.exec(new BroadcastMulOp(dx, invSigma.muli(vector(gamma)), dx, axis));
        Gradient g = new DefaultGradient();
        g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        g.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(g, dx);
    }

    /**
     * The backward pass above as {@link ChannelAffine} loops: with k = gamma / sigma per channel,
     * dL/dx = k dy - (k dL/dgamma / (m sigma)) (x - mu) - k dL/dbeta / m, and dL/dgamma = sum dy (x - mu) / sigma.
     */
    private Pair<Gradient, INDArray> channelLoops(INDArray input, INDArray dy, INDArray gamma, INDArray dBetaView,
                                                  INDArray dGammaView, double eps, double m, LayerWorkspaceMgr workspaceMgr) {
        double[] mu = batchStatistics != null ? batchStatistics[0] : batchMean.toDoubleVector();
        double[] var = batchStatistics != null ? batchStatistics[1] : batchVar.toDoubleVector();
        double[] g = vector(gamma).toDoubleVector();
        double[][] sums = ChannelAffine.backwardSums(dy, input, mu);
        double[] dBeta = sums[0];
        double[] dGamma = new double[mu.length];
        double[] a = new double[mu.length];
        double[] b = new double[mu.length];
        double[] e = new double[mu.length];
        for (int c = 0; c < mu.length; c++) {
            double invSigma = 1 / Math.sqrt(var[c] + eps);
            dGamma[c] = sums[1][c] * invSigma;
            a[c] = g[c] * invSigma;
            b[c] = -a[c] * dGamma[c] * invSigma / m;
            e[c] = -a[c] * dBeta[c] / m - b[c] * mu[c];
        }
        vector(dBetaView).assign(Nd4j.createFromArray(dBeta).castTo(dBetaView.dataType()));
        vector(dGammaView).assign(Nd4j.createFromArray(dGamma).castTo(dGammaView.dataType()));
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        ChannelAffine.combine(dy, input, a, b, e, dx);
        Gradient grad = new DefaultGradient();
        grad.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        grad.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(grad, dx);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) { return batchMean; }

    @Override
    public INDArray getVarCache(DataType dataType) { return batchVar; }

    @Override
    public Map<String, Long> helperMemoryUse() { return Map.of(); }

    private static int channelAxis(INDArray x, CNN2DFormat format) {
        return x.rank() == 4 && format == CNN2DFormat.NHWC ? 3 : 1;
    }

    private static int[] otherAxes(int rank, int axis) {
        return java.util.stream.IntStream.range(0, rank).filter(d -> d != axis).toArray();
    }

    /** A [1, c] parameter or gradient view as the rank-1 [c] view the ops expect (same storage). */
    private static INDArray vector(INDArray a) { return a.reshape(a.length()); }
}
