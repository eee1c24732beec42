package io.neurite.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neurite.compile.Parameters;
import io.neurite.core.Shape;
import io.neurite.layers.Flatten;
import io.neurite.model.Model;
import io.neurite.spec.NodeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Copies the weights of a Keras model file (HDF5 written by Keras' {@code model.save("file.h5")}, channels_last) into
 * a compiled Neurite model of the same architecture. DL4J's Keras import (deeplearning4j-modelimport) reads the file
 * and converts Keras' layouts; then the layers that have parameters are paired in order and copied, each parameter's
 * shape checked. A dense layer reading flattened images gets its rows reordered from Keras' (height, width, channel)
 * flattening to Neurite's (channel, height, width). Convolution kernels land in either engine's storage layout
 * (see {@link io.neurite.spec.Convolutions}).
 */
public final class KerasWeights {
    private KerasWeights() { }

    /** Loads the weights of the Keras file {@code h5} into {@code model}; returns {@code model}. */
    public static Model load(Path h5, Model model) {
        if (model.network() == null) {
            throw new IllegalStateException("load Keras weights into a compiled model: call compile(...) on '"
                    + model.name() + "' first");
        }
        if (!Files.isRegularFile(h5)) throw new IllegalArgumentException("no Keras model file at " + h5);
        List<Layer> keras = weightedLayers(importLayers(h5));
        List<NodeSpec> ours = model.spec().nodes().stream()
                .filter(n -> model.network().getLayer(n.name()) != null
                        && model.network().getLayer(n.name()).numParams() > 0)
                .toList();
        if (keras.size() != ours.size()) {
            throw new IllegalArgumentException(h5 + " has " + keras.size() + " layers with weights "
                    + keras.stream().map(KerasWeights::name).toList() + " but model '" + model.name() + "' has "
                    + ours.size() + " " + ours.stream().map(NodeSpec::name).toList());
        }
        Map<String, Shape> shapes = model.spec().shapes();
        for (int i = 0; i < ours.size(); i++) {
            NodeSpec node = ours.get(i);
            copy(keras.get(i), model.network().getLayer(node.name()), node.name(), flattenedImage(model, node, shapes));
        }
        return model;
    }

    private static Layer[] importLayers(Path h5) {
        String file = h5.toString();
        try {
            if (isSequential(h5)) return KerasModelImport.importKerasSequentialModelAndWeights(file, false).getLayers();
            return KerasModelImport.importKerasModelAndWeights(file, false).getLayers();
        } catch (Exception e) {
            throw new IllegalArgumentException(h5 + " is not a Keras model file DL4J can import: " + e.getMessage(), e);
        }
    }

    private static boolean isSequential(Path h5) throws Exception {
        try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
            String config = archive.readAttributeAsJson("model_config");
            return "Sequential".equals(new ObjectMapper().readTree(config).path("class_name").asText());
        }
    }

    private static List<Layer> weightedLayers(Layer[] layers) {
        List<Layer> weighted = new ArrayList<>();
        for (Layer l : layers) if (l.numParams() > 0) weighted.add(l);
        return weighted;
    }

    private static String name(Layer l) { return l.conf().getLayer().getLayerName(); }

    /** The (height, width, channels) image a dense layer flattens, or null when it reads a vector. */
    private static Shape flattenedImage(Model model, NodeSpec node, Map<String, Shape> shapes) {
        var conf = model.network().getLayer(node.name()).conf().getLayer();
        if (!(conf instanceof DenseLayer || conf instanceof OutputLayer)) return null;
        String input = node.inputs().get(0);
        NodeSpec producer = model.spec().nodes().stream().filter(n -> n.name().equals(input)).findFirst().orElse(null);
        Shape in = producer != null && producer.layer() instanceof Flatten
                ? shapes.get(producer.inputs().get(0)) : shapes.get(input);
        return in.isImage() ? in : null;
    }

    private static void copy(Layer from, Layer to, String toName, Shape flattened) {
        Map<String, INDArray> source = from.paramTable();
        for (Map.Entry<String, INDArray> t : to.paramTable().entrySet()) {
            INDArray dest = t.getKey().equals("W") ? Parameters.canonical(to, t.getValue()) : t.getValue();
            INDArray value = source.get(t.getKey());
            if (value == null && t.getKey().equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
                INDArray var = source.get(BatchNormalizationParamInitializer.GLOBAL_VAR);
                value = var == null ? null : Transforms.log(var, 10, true).muli(0.5);   // log10(std) = log10(var) / 2
            }
            if (value == null) {
                throw new IllegalArgumentException("Keras layer '" + name(from) + "' has no parameter '" + t.getKey()
                        + "' for layer '" + toName + "'; it has " + source.keySet());
            }
            if (flattened != null && t.getKey().equals("W")) value = channelsFirstRows(value, flattened);
            if (value.isVector() && dest.isVector() && value.length() == dest.length()) value = value.reshape(dest.shape());
            if (!Arrays.equals(value.shape(), dest.shape())) {
                throw new IllegalArgumentException("Keras layer '" + name(from) + "' parameter '" + t.getKey()
                        + "' has shape " + Arrays.toString(value.shape()) + " but layer '" + toName + "' expects "
                        + Arrays.toString(dest.shape()));
            }
            dest.assign(value.castTo(dest.dataType()));
        }
    }

    /** Dense weights [h*w*c, units] with rows in (h, w, c) order, reordered to (c, h, w). */
    private static INDArray channelsFirstRows(INDArray w, Shape image) {
        if (w.size(0) != image.elements()) return w;
        return w.reshape('c', image.height(), image.width(), image.channels(), w.size(1))
                .permute(2, 0, 1, 3).dup('c').reshape('c', image.elements(), w.size(1));
    }
}
