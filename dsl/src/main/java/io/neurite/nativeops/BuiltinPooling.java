package io.neurite.nativeops;

import java.util.Collection;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's 2D pooling layer (same configuration and results): max pooling of NCHW images in Java ({@link MaxPooling}:
 * libnd4j's {@code maxpool2d_bp} took 3-4x its forward op), other pooling on libnd4j's ops run on its built-in
 * kernels instead of its oneDNN ("platform helper") ones. On the oneDNN builds the helpers make pooling several times
 * slower while convolution and batch norm gain from them (recipes' {@code bench.HelperBenchmark}, one thread, LeNet-5's
 * shapes: maxpool2d 8x, its backward 3x, avgpool2d 2.9x slower with oneDNN; conv2d 8x, batchnorm 4x faster), so the
 * helpers are switched off for the pooling ops alone.
 */
public class BuiltinPooling extends SubsamplingLayer {
    /** For JSON deserialization. */
    protected BuiltinPooling() { }

    /** The pooling {@code stock} configures (built by DL4J's SubsamplingLayer.Builder), computed as above. */
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

    /**
     * DL4J's runtime pooling layer: max pooling of NCHW images without dilation in Java ({@link MaxPooling}, the
     * backward pass a scatter to the winners the forward pass remembered), everything else by DL4J's code under
     * {@link #withoutHelpers}.
     */
    static final class Runtime extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {
        private MaxPooling max;
        private INDArray maxInput;      // the input whose winners max holds

        Runtime(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            MaxPooling m = maxPooling(input);
            if (m == null) return withoutHelpers(() -> super.activate(training, workspaceMgr));
            INDArray x = typed(input);
            INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                    new long[] {x.size(0), x.size(1), m.outputRows(), m.outputColumns()}, 'c');
            m.forward(x, y);
            maxInput = input;
            return y;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            MaxPooling m = maxPooling(input);
            if (m == null) return withoutHelpers(() -> super.backpropGradient(epsilon, workspaceMgr));
            INDArray x = typed(input);
            if (maxInput != input) m.forward(x, null);
            maxInput = null;
            INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
            m.backward(x, typed(epsilon), dx);
            return new Pair<>(new DefaultGradient(), dx);
        }

        private INDArray typed(INDArray a) { return a.dataType() == dataType ? a : a.castTo(dataType); }

        /** The Java max pooling for input x, or null where DL4J's code runs (other pooling, layouts, dilation). */
        private MaxPooling maxPooling(INDArray x) {
            SubsamplingLayer c = layerConf();
            boolean same = convolutionMode == ConvolutionMode.Same;
            if (c.getPoolingType() != org.deeplearning4j.nn.conf.layers.PoolingType.MAX || c.getCnn2dDataFormat() != CNN2DFormat.NCHW
                    || x.rank() != 4 || !Planes.supports(x) || c.getDilation()[0] != 1 || c.getDilation()[1] != 1
                    || !same && convolutionMode != ConvolutionMode.Truncate) {
                return null;
            }
            if (max == null || !max.fits(x)) max = MaxPooling.of(c.getKernelSize(), c.getStride(),
                    same ? null : c.getPadding(), (int) x.size(2), (int) x.size(3));
            return max.valid() ? max : null;
        }
    }
}
