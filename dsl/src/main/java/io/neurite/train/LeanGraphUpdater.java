package io.neurite.train;

import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's updater for a graph, taking its standard path for the network's own gradient. DL4J M2.1 tells the network's
 * gradient from an external one (another network's) by identity, but {@code DefaultGradient.gradient()} returns a new
 * view on every call, so every step took the external path: the subsets to divide by the batch size found again, and
 * for every parameter, before and after the updater, views of the whole parameter and gradient arrays made to apply a
 * regularization even where there is none (8% of the MLP 784-512-10's training step, PERFORMANCE.md). This updater
 * recognises the network's gradient by its memory and then runs the same steps as DL4J's standard path (divide by the
 * batch size, the updater blocks with their regularization); a gradient elsewhere, or layers with gradient
 * normalization, go to DL4J's own code. The updater state and its layout are DL4J's.
 */
public final class LeanGraphUpdater extends ComputationGraphUpdater {
    private LeanGraphUpdater(ComputationGraph net, INDArray state) { super(net, state); }

    /**
     * Makes {@code net} train with this updater from now on, keeping the state of the one it had (Adam's moments...).
     * DL4J puts back its own when the learning rate is changed ({@code ComputationGraph.setLearningRate}). A network
     * DL4J cannot build an updater for (a layer that names no updater per parameter, such as DL4J's
     * {@code Bidirectional} around some layers) keeps DL4J's, which reports that when it trains, as before.
     */
    public static void install(ComputationGraph net) {
        ComputationGraphUpdater current = net.getUpdater(false);
        if (current instanceof LeanGraphUpdater) return;
        LeanGraphUpdater lean;
        try {
            lean = new LeanGraphUpdater(net, current == null ? null : current.getStateViewArray());
        } catch (UnsupportedOperationException noUpdaterPerParameter) {
            return;
        }
        net.setUpdater(lean);
    }

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize,
                                    LayerWorkspaceMgr workspaces) {
        if (!takesStandardPath(gradient)) {
            super.update(gradient, iteration, epoch, batchSize, workspaces);
            return;
        }
        if (isMiniBatch()) divideByMinibatch(false, gradient, batchSize);
        for (UpdaterBlock block : updaterBlocks) {
            if (block.skipDueToPretrainConfig(false)) continue;
            try (MemoryWorkspace ws = workspaces.notifyScopeEntered(ArrayType.UPDATER_WORKING_MEM)) {
                block.update(iteration, epoch);
            }
        }
    }

    /** Whether {@code gradient} is the network's own and no layer normalizes its gradients. */
    boolean takesStandardPath(Gradient gradient) {
        return isTheNetworksGradient(gradient.gradient()) && !normalizesGradients();
    }

    private boolean isTheNetworksGradient(INDArray g) {
        INDArray own = getFlattenedGradientsView();
        return g.data().address() == own.data().address() && g.offset() == own.offset() && g.length() == own.length();
    }

    private boolean normalizesGradients() {
        for (Trainable layer : getOrderedLayers()) {
            if (layer.getConfig() == null) continue;
            GradientNormalization n = layer.getConfig().getGradientNormalization();
            if (n != null && n != GradientNormalization.None) return true;
        }
        return false;
    }
}
