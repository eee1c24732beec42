package io.neurite.nativeops;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The base of every layer written with SameDiff ops (libnd4j's native kernels) in Neurite: extend this instead of
 * DL4J's {@link SameDiffLayer}, define parameters and the forward computation, and the runtime layer is
 * {@link HalvedExternalErrorsLayer}, which corrects DL4J M2.1's doubled SameDiff-layer gradients and the missing L1/L2
 * score. Each such layer's test proves its gradients with a numerical gradient check.
 */
public abstract class NativeLayer extends SameDiffLayer {
    /** For JSON deserialization. */
    protected NativeLayer() { }

    protected NativeLayer(Builder<?> builder) { super(builder); }

    /**
     * Whether {@link #defineLayer} unrolls a loop over the steps of its (sequence) input: then the runtime layer
     * defines the graph once per number of steps it meets, instead of once for the first input's.
     */
    public boolean unrollsSteps() { return false; }

    /** As SameDiffLayer's, but with the runtime layer that corrects M2.1's doubled gradients. */
    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType dataType) {
        HalvedExternalErrorsLayer layer = new HalvedExternalErrorsLayer(conf, dataType);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        layer.setListeners(listeners);
        return layer;
    }
}
