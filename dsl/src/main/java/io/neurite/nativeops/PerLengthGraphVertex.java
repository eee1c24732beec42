package io.neurite.nativeops;

import io.neurite.util.SameDiffQuiet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.samediff.SameDiffGraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction;

/**
 * DL4J's runtime SameDiff vertex with three M2.1 defects compensated:
 * <ul>
 * <li>Lengths: M2.1 defines one graph, for the first batch's numbers of steps, and fails on others; here one graph
 * is defined per combination of the inputs' steps, as {@link HalvedExternalErrorsLayer} does for layers.</li>
 * <li>Gradients: like SameDiff layers, SameDiff vertices return twice the true gradients, so the incoming error is
 * halved (AttentionLayersTest's cross-attention gradient check fails without this).</li>
 * <li>Masks: the graph clears the masks of its layers between batches but never a vertex's, so a batch given without
 * masks would reuse the last batch's; with no input masks on the graph, the vertex drops its own.</li>
 * </ul>
 * The first backward pass runs under {@link SameDiffQuiet}.
 */
final class PerLengthGraphVertex extends SameDiffGraphVertex {
    /** A defined graph with its inputs, output and external-errors function. */
    private record Graph(SameDiff sameDiff, Map<String, SDVariable> inputVars, SDVariable output,
            ExternalErrorsFunction errors, String outputKey) { }

    private final Map<List<Long>, Graph> graphsBySteps = new HashMap<>();
    private List<Long> stepsDefined;

    PerLengthGraphVertex(SameDiffVertex config, ComputationGraph graph, String name, int vertexIndex,
            INDArray paramsView, boolean initParams, DataType dataType) {
        super(config, graph, name, vertexIndex, paramsView, initParams, dataType);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (graph.getInputMaskArrays() == null) maskArrays = null;
        useGraphForInputSteps();
        return super.doForward(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (graph.getInputMaskArrays() == null) maskArrays = null;
        useGraphForInputSteps();
        epsilon = epsilon.mul(0.5);
        if (sameDiff != null && sameDiff.hasGradientFunction()) return super.doBackward(tbptt, workspaceMgr);
        return SameDiffQuiet.call(() -> super.doBackward(tbptt, workspaceMgr));
    }

    private void useGraphForInputSteps() {
        List<Long> steps = java.util.Arrays.stream(inputs).map(a -> a.rank() == 3 ? a.size(2) : -1L).toList();
        if (steps.equals(stepsDefined)) return;
        if (sameDiff != null) graphsBySteps.put(stepsDefined, new Graph(sameDiff, inputVars, outputVar, fn, outputKey));
        Graph g = graphsBySteps.get(steps);
        sameDiff = g == null ? null : g.sameDiff();
        inputVars = g == null ? null : g.inputVars();
        outputVar = g == null ? null : g.output();
        fn = g == null ? null : g.errors();
        outputKey = g == null ? null : g.outputKey();
        stepsDefined = steps;
    }
}
