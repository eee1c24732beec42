package io.neurite.nativeops;

import java.lang.reflect.Field;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's batch normalization layer (same parameters, running statistics, serialization and training semantics) whose
 * arithmetic runs in {@link NativeBatchNormHelper}: libnd4j's {@code batchnorm} op and plain per-channel reductions.
 * DL4J computes the batch variance with a strided reduction that is 7x slower than a mean here;
 * DL4J's own oneDNN helper for this layer never switches on in M2.1 (helpers are off by default, and its check looks
 * for {@code org.nd4j.nativeblas.Nd4jCpu.Environment.isUseMKLDNN}, which M2.1 renamed). The helper is fixed: a failure
 * in it is an error, not a silent fall-back to the slower path.
 */
public final class NativeBatchNorm extends BatchNormalization {
    private static final Field HELPER = helperField();

    /** Defaults as DL4J's; for JSON deserialization too. */
    public NativeBatchNorm() {
        setCudnnAllowFallback(false);
    }

    /** Running statistics as {@code decay * running + (1 - decay) * batch}; {@code eps} added to the variance. */
    public static NativeBatchNorm of(double decay, double eps) {
        NativeBatchNorm bn = new NativeBatchNorm();
        bn.setDecay(decay);
        bn.setEps(eps);
        return bn;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        Layer layer = super.instantiate(conf, listeners, index, paramsView, initializeParams, networkDataType);
        try {
            HELPER.set(layer, new NativeBatchNormHelper());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot attach the native batch-norm helper to DL4J's layer", e);
        }
        return layer;
    }

    private static Field helperField() {
        try {
            Field f = org.deeplearning4j.nn.layers.normalization.BatchNormalization.class.getDeclaredField("helper");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("DL4J's BatchNormalization layer has no 'helper' field: " + e);
        }
    }
}
