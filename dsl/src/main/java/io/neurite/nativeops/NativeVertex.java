package io.neurite.nativeops;

import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of every SameDiff graph vertex here, as {@link NativeLayer} is of every SameDiff layer: its runtime vertex is
 * {@link PerLengthGraphVertex}, which defines one graph per combination of input lengths met and corrects DL4J M2.1's
 * doubled gradients and stale masks.
 */
abstract class NativeVertex extends SameDiffVertex {
    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        setName(name);
        return new PerLengthGraphVertex(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
    }
}
