package io.neurite.basics;

import io.neurite.data.Dataset;
import io.neurite.model.Model;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How strongly the loss pulls on each layer's weights: the L2 norm ||dL/dW||_2 of every weight matrix (or kernel) for
 * one batch, from input to output, where L is the loss averaged over the batch's examples. Orders of magnitude between the first and last layer are the vanishing (or
 * exploding) gradient problem.
 */
public final class GradientNorms {
    private GradientNorms() { }

    /**
     * Backpropagates {@code batch} once through {@code model} (training mode, parameters unchanged) and returns
     * ||dL/dW||_2 per weighted layer, keyed by layer name, in forward order.
     */
    public static Map<String, Double> perLayer(Model model, Dataset batch) {
        ComputationGraph net = model.network();
        if (net == null) {
            throw new IllegalStateException("gradient norms need a compiled model: call compile(loss, optimizer) on '"
                    + model.name() + "' first");
        }
        net.setInputs(batch.features().castTo(model.spec().dataType()));
        net.setLabels(batch.labels().castTo(model.spec().dataType()));
        net.computeGradientAndScore();
        Gradient gradient = net.gradient();
        Map<String, Double> norms = new LinkedHashMap<>();
        for (Layer layer : net.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            INDArray dW = gradient.getGradientFor(name + "_" + DefaultParamInitializer.WEIGHT_KEY);
            // DL4J's gradient is summed over the batch (its updater divides by the batch size later)
            if (dW != null) norms.put(name, dW.norm2Number().doubleValue() / batch.size());
        }
        net.clearLayersStates();
        return norms;
    }
}
