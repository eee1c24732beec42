package io.neurite.nativeops;

import java.util.Collection;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's 2D pooling layer (same configuration, same ops: libnd4j's {@code maxpool2d}, {@code avgpool2d} and their
 * backward ops) run on libnd4j's built-in kernels instead of its oneDNN ("platform helper") ones. On the oneDNN
 * builds the helpers make pooling several times slower while convolution and batch norm gain from them (recipes'
 * {@code bench.HelperBenchmark}, one thread, LeNet-5's shapes: maxpool2d 8x, its backward 3x, avgpool2d 2.9x slower
 * with oneDNN; conv2d 8x, batchnorm 4x faster), so the helpers are switched off for the pooling ops alone.
 */
public class BuiltinPooling extends SubsamplingLayer {
    /** For JSON deserialization. */
    protected BuiltinPooling() { }

    /** The pooling {@code stock} configures (built by DL4J's SubsamplingLayer.Builder), on built-in kernels. */
    public static BuiltinPooling of(SubsamplingLayer stock) {
        BuiltinPooling p = new BuiltinPooling();
        Dl4jConfigs.copyFields(SubsamplingLayer.class, stock, p);
        return p;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType dataType) {
        return Dl4jConfigs.wire(new Runtime(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams,
                initializer());
    }

    /** Runs {@code op} with libnd4j's platform helpers off, restoring the previous setting. */
    static <T> T withoutHelpers(Supplier<T> op) {
        boolean before = Nd4j.getEnvironment().helpersAllowed();
        Nd4j.getEnvironment().allowHelpers(false);
        try {
            return op.get();
        } finally {
            Nd4j.getEnvironment().allowHelpers(before);
        }
    }

    /** DL4J's runtime pooling layer with both passes under {@link #withoutHelpers}. */
    static final class Runtime extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {
        Runtime(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            return withoutHelpers(() -> super.activate(training, workspaceMgr));
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            return withoutHelpers(() -> super.backpropGradient(epsilon, workspaceMgr));
        }
    }
}
