package io.neurite.compile;

import io.neurite.nativeops.NativeConvolution;
import io.neurite.spec.ModelSpec;
import io.neurite.spec.NodeSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameters as the engine stores them, seen as users think of them: counts per layer, and weights in one canonical
 * layout whatever the implementation: [filters, input channels, kernel rows, kernel columns] for a convolution, [input channels, filters, kernel rows,
 * kernel columns] for a transposed convolution (DL4J's stock layouts),
 * [inputs, units] for a dense layer.
 */
public final class Parameters {
    private Parameters() { }

    /** Parameter count of every layer of {@code spec} in the compiled configuration, by layer name. */
    public static Map<String, Long> counts(ModelSpec spec, ComputationGraphConfiguration conf) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (NodeSpec node : spec.nodes()) counts.put(node.name(), count(conf.getVertices().get(node.name())));
        return counts;
    }

    private static long count(GraphVertex vertex) {
        if (vertex instanceof LayerVertex lv) return lv.getLayerConf().getLayer().initializer().numParams(lv.getLayerConf());
        return vertex.numParams(false);
    }

    /** An array in the storage layout of {@code layer}'s weights (the weights, their gradient), viewed canonically. */
    public static INDArray canonical(Layer layer, INDArray stored) {
        return NativeConvolution.isNative(layer.conf().getLayer()) ? NativeConvolution.toCanonical(stored) : stored;
    }

    /** The weights of {@code layer} viewed (not copied) in the canonical layout. */
    public static INDArray canonicalWeights(Layer layer) {
        return canonical(layer, layer.getParam("W"));
    }
}
