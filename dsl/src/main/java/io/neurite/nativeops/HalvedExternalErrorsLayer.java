package io.neurite.nativeops;

import io.neurite.util.SameDiffQuiet;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's runtime SameDiff layer with its gradient bug compensated. In DL4J 1.0.0-M2.1 every {@code SameDiffLayer}
 * returns exactly twice the true gradients (parameters and input alike: measured against numerical gradients for a
 * plain x*W+b layer and for conv2d, MultiLayerNetwork and ComputationGraph, any batch size). All those gradients are
 * linear in the incoming error dL/dy, so backpropagating dL/dy / 2 gives the true ones. NativeConv2DTest's gradient
 * checks fail if a DL4J upgrade changes this behaviour. The first backward pass, which builds SameDiff's gradient
 * function, runs under {@link SameDiffQuiet} so that it does not print one line per differentiated op.
 */
final class HalvedExternalErrorsLayer extends SameDiffLayer {
    HalvedExternalErrorsLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray halved = epsilon.mul(0.5);
        if (sameDiff != null && sameDiff.hasGradientFunction()) return super.backpropGradient(halved, workspaceMgr);
        return SameDiffQuiet.call(() -> super.backpropGradient(halved, workspaceMgr));
    }
}
