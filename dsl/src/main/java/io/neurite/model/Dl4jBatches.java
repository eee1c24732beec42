package io.neurite.model;

import io.neurite.compile.Sequences;
import io.neurite.data.Dataset;
import io.neurite.spec.ModelSpec;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/** A batch in DL4J's terms: arrays in the model's input and output order, in DL4J's layout, with their masks. */
final class Dl4jBatches {
    private Dl4jBatches() { }

    static MultiDataSet of(ModelSpec spec, Dataset batch, Binding binding) {
        List<String> inputs = List.copyOf(spec.inputs().keySet());
        INDArray[] features = new INDArray[inputs.size()];
        INDArray[] featureMasks = new INDArray[inputs.size()];
        for (int i = 0; i < features.length; i++) {
            String name = binding.features().get(i);
            features[i] = Sequences.toDl4j(batch.features(name), spec.inputs().get(inputs.get(i)));
            featureMasks[i] = batch.mask(name);
        }
        INDArray[] labels = new INDArray[spec.outputs().size()];
        INDArray[] labelMasks = new INDArray[labels.length];
        for (int o = 0; o < labels.length; o++) {
            String name = binding.labels().get(o);
            labels[o] = Sequences.toDl4j(batch.labels(name), spec.shapes().get(spec.outputs().get(o)));
            labelMasks[o] = batch.mask(name);
        }
        return new MultiDataSet(features, labels, anySet(featureMasks) ? featureMasks : null,
                anySet(labelMasks) ? labelMasks : null);
    }

    private static boolean anySet(INDArray[] arrays) {
        for (INDArray a : arrays) if (a != null) return true;
        return false;
    }
}
