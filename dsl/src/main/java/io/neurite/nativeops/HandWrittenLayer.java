package io.neurite.nativeops;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The configuration of a layer whose parameters are declared as a SameDiff layer's ({@code defineParameters}: the same
 * flat layout, updaters, regularization and JSON properties, so files saved when it was a SameDiff layer load) but
 * whose forward and backward passes are written by hand in its {@link HandWrittenRuntime}: a few large matrix
 * products and element-wise kernels instead of a SameDiff graph, whose per-op overhead, broadcast gradients and
 * copies were most of the Transformer's training step (PERFORMANCE.md). Needs no gradient halving ({@link NativeLayer}).
 */
public abstract class HandWrittenLayer extends AbstractSameDiffLayer {
    /** For JSON deserialization. */
    protected HandWrittenLayer() { }

    protected HandWrittenLayer(Builder<?> builder) { super(builder); }

    /** A new runtime layer of this configuration. */
    abstract HandWrittenRuntime runtime(NeuralNetConfiguration conf, DataType dataType);

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType dataType) {
        return Dl4jConfigs.wire(runtime(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams,
                initializer());
    }
}
