package io.neurite.compile;

import io.neurite.nativeops.InputErrors;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward passes of a DL4J network as separate steps, for training steps written by hand. DL4J's own
 * {@code fit} runs both inside workspaces that are closed in between; here the network runs without workspaces, so
 * each layer keeps its input from the forward pass until the backward pass, and the error reaching each network input
 * survives it. Gradients follow DL4J's convention: they are of the batch's summed loss, and the optimizer divides by
 * the batch size when it updates.
 */
public final class Backprop {
    private static final Method CALC_BACKPROP;

    static {
        try {
            CALC_BACKPROP = ComputationGraph.class.getDeclaredMethod("calcBackpropGradients", boolean.class,
                    boolean.class, INDArray[].class);
            CALC_BACKPROP.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError("this DL4J version has no ComputationGraph.calcBackpropGradients: " + e);
        }
    }

    private Backprop() { }

    /** Training-mode forward pass that keeps what backward needs; every vertex's output by name, in DL4J's layout. */
    public static Map<String, INDArray> forward(ComputationGraph net, INDArray[] inputs, INDArray[] inputMasks) {
        net.getConfiguration().setTrainingWorkspaceMode(WorkspaceMode.NONE);
        net.getConfiguration().setInferenceWorkspaceMode(WorkspaceMode.NONE);
        net.setLayerMaskArrays(inputMasks, null);
        return net.feedForward(inputs, true, false);
    }

    /**
     * Backward pass from the outputs' own losses against {@code labels} (label masks may be null); returns the loss,
     * summed over outputs and averaged over the batch as DL4J scores it (without L1/L2 penalties).
     */
    public static double backward(ComputationGraph net, INDArray[] labels, INDArray[] labelMasks) {
        Sequences.weighSteps(net, labels, labelMasks);
        net.setLabels(labels);
        net.setLayerMaskArrays(net.getInputMaskArrays(), labelMasks);
        calcBackprop(net, new INDArray[0]);
        double score = 0;
        for (int o = 0; o < labels.length; o++) {
            Layer out = net.getOutputLayer(o);
            out.setMaskArray(labelMasks == null ? null : labelMasks[o]);
            score += ((IOutputLayer) out).computeScore(0, true, LayerWorkspaceMgr.noWorkspaces());
        }
        return score;
    }

    /** Backward pass from {@code errors}, dL/d(output) per example, at outputs that have no loss of their own. */
    public static void backwardFrom(ComputationGraph net, INDArray[] errors) {
        calcBackprop(net, errors);
    }

    /** dL/d(input) per example after a backward pass. */
    public static INDArray inputGradient(ComputationGraph net, String input) {
        INDArray e = net.getVertex(input).getEpsilon();
        if (e == null) throw new IllegalStateException("no gradient reached input '" + input + "': run backward first");
        return e;
    }

    /** The gradients of the last backward pass, by DL4J parameter key ("layer_W"); views that may be changed in place. */
    public static Gradient gradient(ComputationGraph net) { return net.gradient(); }

    /** One optimizer step with the gradients of the last backward pass, as DL4J's fit would take it. */
    public static void update(ComputationGraph net, int batchSize) {
        Gradient g = net.gradient();
        int iteration = net.getIterationCount();
        net.getUpdater().update(g, iteration, net.getEpochCount(), batchSize, LayerWorkspaceMgr.noWorkspaces());
        INDArray step = g.gradient();
        net.params().subi(step.reshape(step.length()));
        net.getConfiguration().setIterationCount(iteration + 1);
    }

    private static void calcBackprop(ComputationGraph net, INDArray[] errors) {
        InputErrors.compute(net, true);    // Pass reads the errors reaching the inputs
        try {
            CALC_BACKPROP.invoke(net, false, false, errors);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            InputErrors.compute(net, false);
        }
    }
}
