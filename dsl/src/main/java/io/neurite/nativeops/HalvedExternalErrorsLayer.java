package io.neurite.nativeops;

import io.neurite.util.SameDiffQuiet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J's runtime SameDiff layer with two M2.1 defects compensated.
 * <ul>
 * <li>Gradients: every {@code SameDiffLayer} returns exactly twice the true gradients (parameters and input alike:
 * measured against numerical gradients for a plain x*W+b layer and for conv2d, MultiLayerNetwork and
 * ComputationGraph, any batch size). All those gradients are linear in the incoming error dL/dy, so backpropagating
 * dL/dy / 2 gives the true ones. NativeConv2DTest's gradient checks fail if a DL4J upgrade changes this.</li>
 * <li>Score: the updater applies the layer's l1/l2 to the gradients, but the layer reported 0 as its regularization
 * score, so the loss omitted sum_p sum_r r.score(p). It is computed here as stock layers do.</li>
 * </ul>
 * The first backward pass runs under {@link SameDiffQuiet}, which filters M2.1's console chatter there. A layer that
 * {@link NativeLayer#unrollsSteps() unrolls its steps} gets one graph per number of steps, kept for reuse.
 */
final class HalvedExternalErrorsLayer extends SameDiffLayer {
    /** A defined graph with its output and external-errors function. */
    private record Graph(SameDiff sameDiff, SDVariable output, ExternalErrorsFunction errors, String outputKey) { }

    private final Map<Long, Graph> graphsBySteps = new HashMap<>();
    private long stepsDefined = -1;

    HalvedExternalErrorsLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        useGraphForInputSteps();
        return super.activate(training, workspaceMgr);
    }

    /** For a layer that unrolls its steps: switches to the graph for the input's number of steps (null: define it). */
    private void useGraphForInputSteps() {
        if (!(layerConf() instanceof NativeLayer n) || !n.unrollsSteps() || input == null || input.rank() != 3) return;
        long steps = input.size(2);
        if (steps == stepsDefined) return;
        if (sameDiff != null) graphsBySteps.put(stepsDefined, new Graph(sameDiff, outputVar, fn, outputKey));
        Graph g = graphsBySteps.get(steps);
        sameDiff = g == null ? null : g.sameDiff();
        outputVar = g == null ? null : g.output();
        fn = g == null ? null : g.errors();
        outputKey = g == null ? null : g.outputKey();
        stepsDefined = steps;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        useGraphForInputSteps();
        INDArray halved = epsilon.mul(0.5);
        if (sameDiff != null && sameDiff.hasGradientFunction()) return super.backpropGradient(halved, workspaceMgr);
        return SameDiffQuiet.call(() -> super.backpropGradient(halved, workspaceMgr));
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) { return regularizationScore(this); }

    /** sum over the parameters p and their regularizations r of r.score(p), as DL4J's stock layers report it. */
    static double regularizationScore(org.deeplearning4j.nn.layers.AbstractLayer<?> layer) {
        double sum = 0;
        for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
            List<Regularization> rs = layer.layerConf().getRegularizationByParam(p.getKey());
            if (rs == null) continue;
            for (Regularization r : rs) sum += r.score(p.getValue(), layer.getIterationCount(), layer.getEpochCount());
        }
        return sum;
    }
}
