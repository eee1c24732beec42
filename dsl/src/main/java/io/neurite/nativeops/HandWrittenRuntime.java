package io.neurite.nativeops;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime layer of a {@link HandWrittenLayer}: DL4J's SameDiff runtime layer for its parameter and gradient
 * views (laid out by the SameDiff parameter initializer), with {@link #forward} and {@link #backward} written by hand
 * and no graph. Masks pass through unchanged, as SameDiff layers pass them; the regularization score is computed as
 * stock layers compute it.
 */
abstract class HandWrittenRuntime extends SameDiffLayer {
    HandWrittenRuntime(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

    /**
     * The output of {@code x} (in the network's data type) with {@code mask} (null: none), created by {@code workspaces}
     * as ACTIVATIONS; a training pass keeps what {@link #backward} needs.
     */
    abstract INDArray forward(INDArray x, INDArray mask, boolean training, LayerWorkspaceMgr workspaces);

    /**
     * Writes the gradients of the parameters into their views ({@code gradTable}) and returns the error of the input
     * (created as ACTIVATION_GRAD) for the error {@code dy} of the output of the last training forward pass.
     */
    abstract INDArray backward(INDArray dy, LayerWorkspaceMgr workspaces);

    /** {@code a} in the network's data type. */
    final INDArray typed(INDArray a) { return a == null || a.dataType() == dataType ? a : a.castTo(dataType); }

    /** The gradient view of parameter {@code key}. */
    final INDArray gradientOf(String key) { return gradTable.get(key); }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        return forward(typed(input), typed(maskArray), training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray dx = backward(typed(epsilon), workspaceMgr);
        Gradient g = new DefaultGradient();
        for (String key : paramTable.keySet()) g.gradientForVariable().put(key, gradTable.get(key));
        return new Pair<>(g, dx);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state, int minibatchSize) {
        this.maskArray = mask;
        this.maskState = state;
        return new Pair<>(mask, state);
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) { return HalvedExternalErrorsLayer.regularizationScore(this); }
}
