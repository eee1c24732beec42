package io.neurite.nativeops;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The runtime {@link NativeRecurrent} layer: runs each direction's {@link UnrolledSteps} and merges the directions.
 * The step buffers are kept between calls (one set for training, whose backward pass reads what its forward pass
 * left, one for inference) and made anew only when the batch size, the number of steps or the data type changes.
 */
final class RecurrentRuntime extends BaseLayer<NativeRecurrent> implements InputErrors.OnRequest {
    private UnrolledSteps[] training;
    private UnrolledSteps[] inference;
    private boolean trainedWithMask;
    private boolean inputErrorWanted;

    RecurrentRuntime(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

    @Override
    public void inputErrorWanted(boolean wanted) { inputErrorWanted = wanted; }

    @Override
    public Type type() { return Type.RECURRENT; }

    @Override
    public boolean isPretrainLayer() { return false; }

    private int directions() { return layerConf().getDirections() == NativeRecurrent.Directions.NONE ? 1 : 2; }

    /** The column block of direction d in a merged output: its own for CONCAT, all of it otherwise. */
    private INDArray block(INDArray merged, int d) {
        if (layerConf().getDirections() != NativeRecurrent.Directions.CONCAT) return merged;
        long h = layerConf().getNOut();
        return merged.get(NDArrayIndex.all(), NDArrayIndex.interval(d * h, (d + 1) * h));
    }

    private UnrolledSteps[] steps(boolean forTraining, INDArray x) {
        UnrolledSteps[] current = forTraining ? training : inference;
        DataType type = dataType;
        if (current == null || !current[0].fits(type, x.size(0), x.size(2))) {
            NativeRecurrent c = layerConf();
            current = new UnrolledSteps[directions()];
            for (int d = 0; d < current.length; d++) {
                int n = (int) x.size(0), steps = (int) x.size(2), in = (int) c.getNIn(), units = (int) c.getNOut();
                current[d] = c.getCell() == NativeRecurrent.Cell.LSTM ? new LstmSteps(type, n, steps, in, units, d == 1)
                        : new GruSteps(type, n, steps, in, units, d == 1);
            }
            if (forTraining) training = current;
            else inference = current;
        }
        return current;
    }

    /** {@code a} in the network's data type. */
    private INDArray typed(INDArray a) { return a == null || a.dataType() == dataType ? a : a.castTo(dataType); }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        NativeRecurrent c = layerConf();
        INDArray x = typed(input);
        UnrolledSteps[] run = steps(training, x);
        INDArray mask = typed(maskArray);
        if (training) trainedWithMask = mask != null;
        INDArray out = c.isLastStep()
                ? workspaceMgr.create(ArrayType.ACTIVATIONS, dataType, x.size(0), c.units())
                : workspaceMgr.create(ArrayType.ACTIVATIONS, dataType, new long[] {x.size(0), c.units(), x.size(2)}, 'c');
        for (int d = 0; d < run.length; d++) {
            run[d].forward(x, RecurrentParams.stacked(c, paramsFlattened, d), RecurrentParams.bias(c, paramsFlattened, d), mask);
            INDArray target = block(out, d);
            INDArray state = c.isLastStep() ? run[d].lastState().transpose() : run[d].states().permute(2, 1, 0);
            if (d == 1 && c.getDirections() == NativeRecurrent.Directions.SUM) Pointwise.add(target, state, target);
            else Pointwise.copy(state, target);
        }
        if (mask != null && !c.isLastStep()) Pointwise.mulAlong(out, mask, out, 0, 2);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        NativeRecurrent c = layerConf();
        UnrolledSteps[] run = training;
        if (run == null || !run[0].fits(dataType, input.size(0), input.size(2))) {
            throw new IllegalStateException("NativeRecurrent: backward pass without a training forward pass on this input");
        }
        INDArray eps = typed(epsilon);
        boolean inputError = inputErrorWanted || !c.readsNetworkInput();
        INDArray dx = inputError ? workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c') : null;
        for (int d = 0; d < run.length; d++) {
            run[d].backward(block(eps, d), c.isLastStep(), RecurrentParams.stacked(c, gradientsFlattened, d),
                    RecurrentParams.bias(c, gradientsFlattened, d), trainedWithMask, inputError);
            if (!inputError) continue;
            INDArray dxSteps = dx.permute(2, 1, 0);
            if (d == 0) Pointwise.copy(run[d].inputErrors(), dxSteps);
            else Pointwise.add(dxSteps, run[d].inputErrors(), dxSteps);
        }
        Gradient g = new DefaultGradient(gradientsFlattened);
        for (String key : layerConf().initializer().paramKeys(layerConf())) {
            g.gradientForVariable().put(key, gradientViews.get(key));
        }
        return new Pair<>(g, inputError ? backpropDropOutIfPresent(dx) : null);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState state, int minibatchSize) {
        this.maskArray = maskArray;
        return layerConf().isLastStep() ? new Pair<>(null, null) : new Pair<>(maskArray, state);
    }
}
