package io.neurite.nativeops;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime {@link NativeConv2D}: libnd4j's {@code conv2d} op forward and {@code conv2d_bp} backward, called
 * directly instead of through a SameDiff graph (whose per-call overhead, doubled errors and copies it skips), the
 * activation computed by DL4J's own {@code IActivation} as in its stock layer. The training forward pass keeps the
 * pre-activation z for the backward pass (a copy, unless the activation is the identity, which returns z itself). A
 * layer reading a network input skips its input's error unless {@link InputErrors#compute} asks for it, and then
 * computes the parameter gradients alone with {@link ConvWeightGradient}. It extends DL4J's runtime SameDiff layer
 * only for its handling of the parameter and gradient views, so the parameters keep the configuration's SameDiff
 * layout and saved models load unchanged.
 */
final class ConvolutionRuntime extends SameDiffLayer implements InputErrors.OnRequest {
    private INDArray preActivation;
    private INDArray preActivationInput;
    private boolean inputErrorWanted;
    private ConvWeightGradient weightGradient;

    ConvolutionRuntime(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

    @Override
    public void inputErrorWanted(boolean wanted) { inputErrorWanted = wanted; }

    private NativeConv2D conv() { return (NativeConv2D) layerConf(); }

    /** The op's integer arguments: kernel, stride, padding, dilation, 'same', NCHW, kernel [kH, kW, in, out]. */
    private int[] arguments() {
        NativeConv2D c = conv();
        int[] k = c.getKernel();
        int[] s = c.getStride();
        int[] p = c.getPadding();
        int[] d = c.getDilation();
        return new int[] {k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], c.isSamePadding() ? 1 : 0, 0, 0};
    }

    private INDArray typedInput() { return input.dataType() == dataType ? input : input.castTo(dataType); }

    /** z = conv(x, W) + b as an array of {@code type} (the forward pass's activations, or backprop's working memory). */
    private INDArray preOutput(INDArray x, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        NativeConv2D c = conv();
        long[] shape = {x.size(0), c.getNOut(), c.outputLength(x.size(2), 0), c.outputLength(x.size(3), 1)};
        INDArray z = workspaceMgr.createUninitialized(type, dataType, shape, 'c');
        INDArray w = paramTable.get(NativeConvolution.WEIGHT_KEY);
        INDArray[] in = c.isHasBias() ? new INDArray[] {x, w, paramTable.get(NativeConvolution.BIAS_KEY)} : new INDArray[] {x, w};
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(in).addOutputs(z).addIntegerArguments(arguments()).build());
        return z;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray z = preOutput(typedInput(), workspaceMgr, ArrayType.ACTIVATIONS);
        IActivation activation = conv().getActivation();
        boolean identity = activation instanceof ActivationIdentity;     // returns z itself, unchanged: no copy to keep
        preActivation = training ? (identity ? z : workspaceMgr.dup(ArrayType.ACTIVATIONS, z)) : null;
        preActivationInput = training ? input : null;
        return activation.getActivation(z, training);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        NativeConv2D c = conv();
        INDArray x = typedInput();
        INDArray z = preActivation != null && preActivationInput == input ? preActivation
                : preOutput(x, workspaceMgr, ArrayType.BP_WORKING_MEM);
        preActivation = null;
        preActivationInput = null;
        INDArray eps = epsilon.dataType() == dataType ? epsilon : epsilon.castTo(dataType);
        INDArray delta = c.getActivation().backprop(z, eps).getFirst();
        INDArray dW = gradTable.get(NativeConvolution.WEIGHT_KEY);
        INDArray db = c.isHasBias() ? gradTable.get(NativeConvolution.BIAS_KEY) : null;
        boolean inputError = inputErrorWanted || !c.readsNetworkInput();
        INDArray dx = null;
        if (inputError) {
            dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
            INDArray w = paramTable.get(NativeConvolution.WEIGHT_KEY);
            INDArray[] in = db != null ? new INDArray[] {x, w, paramTable.get(NativeConvolution.BIAS_KEY), delta}
                    : new INDArray[] {x, w, delta};
            INDArray[] out = db != null ? new INDArray[] {dx, dW, db} : new INDArray[] {dx, dW};
            Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(in).addOutputs(out)
                    .addIntegerArguments(arguments()).build());
        } else {
            weightGradient(x, delta).compute(x, delta, dW, db);
        }
        Gradient g = new DefaultGradient(gradients);
        g.gradientForVariable().put(NativeConvolution.WEIGHT_KEY, dW);
        if (db != null) g.gradientForVariable().put(NativeConvolution.BIAS_KEY, db);
        return new Pair<>(g, dx);
    }

    private ConvWeightGradient weightGradient(INDArray x, INDArray delta) {
        if (weightGradient == null || !weightGradient.fits(x.size(1), x.size(2), x.size(3))) {
            NativeConv2D c = conv();
            int[] outSize = {(int) delta.size(2), (int) delta.size(3)};
            int[] padTopLeft = c.isSamePadding()
                    ? new int[] {samePaddingBefore(c, x.size(2), outSize[0], 0), samePaddingBefore(c, x.size(3), outSize[1], 1)}
                    : c.getPadding();
            weightGradient = new ConvWeightGradient((int) x.size(1), (int) x.size(2), (int) x.size(3), c.getKernel(),
                    c.getStride(), c.getDilation(), padTopLeft, outSize[0], outSize[1]);
        }
        return weightGradient;
    }

    /** libnd4j's 'same' padding before the input on an axis: half the total, rounded down (the extra goes after). */
    private static int samePaddingBefore(NativeConv2D c, long in, int out, int axis) {
        long total = (long) (out - 1) * c.getStride()[axis] + (long) (c.getKernel()[axis] - 1) * c.getDilation()[axis] + 1 - in;
        return (int) Math.max(0, total / 2);
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return HalvedExternalErrorsLayer.regularizationScore(this);
    }

    @Override
    public void clear() {
        super.clear();
        preActivation = null;
        preActivationInput = null;
    }
}
