package io.neurite.nativeops;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Helpers for layer configurations that extend DL4J's own and start from one DL4J's builder made. */
final class Dl4jConfigs {
    private Dl4jConfigs() { }

    /**
     * Copies every instance field that {@code type} and its superclasses declare from {@code from} into {@code to}
     * (a subclass instance): the subclass then configures exactly what the DL4J builder configured, including
     * settings the global configuration fills in later.
     */
    static <T> void copyFields(Class<T> type, T from, T to) {
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                try {
                    f.setAccessible(true);
                    f.set(to, f.get(from));
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy " + c.getSimpleName() + "." + f.getName()
                            + " (a DL4J version with other fields?)", e);
                }
            }
        }
    }

    /**
     * Wires a freshly constructed runtime {@code layer} as DL4J's own {@code instantiate} does: listeners, index,
     * the parameter view and the parameter table {@code initializer} lays out over it, the configuration.
     */
    static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                    int index, INDArray paramsView, boolean initializeParams, ParamInitializer initializer) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
