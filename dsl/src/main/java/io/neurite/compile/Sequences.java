package io.neurite.compile;

import io.neurite.core.Shape;
import io.neurite.layers.Dense;
import io.neurite.layers.Dropout;
import io.neurite.layers.LayerSpec;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The one place that knows DL4J's sequence layout. Users see sequences batch first, [n, steps, features] (token ids
 * [n, steps]), as Keras and PyTorch's batch_first do; DL4J's recurrent layers compute on [n, features, steps] (NCW),
 * with every layer's format set explicitly (DL4J M2.1's RnnOutputLayer assumes NWC when its format is unset).
 * Arrays of other shapes pass unchanged.
 */
public final class Sequences {
    /** The layout every recurrent DL4J layer is configured with. */
    static final RNNFormat FORMAT = RNNFormat.NCW;

    private Sequences() { }

    /** DL4J's input type for examples of {@code shape}. */
    static InputType inputType(Shape shape) {
        if (shape.isSequence()) {
            return shape.isVariableLength() ? InputType.recurrent(shape.features(), FORMAT)
                    : InputType.recurrent(shape.features(), shape.steps(), FORMAT);
        }
        // token ids arrive as [n, 1, steps]; the type states the vocabulary as its size because DL4J sets an
        // embedding's input count from it (overriding the one given)
        if (shape.isTokens()) {
            return shape.isVariableLength() ? InputType.recurrent(shape.vocabularySize(), FORMAT)
                    : InputType.recurrent(shape.vocabularySize(), shape.steps(), FORMAT);
        }
        return shape.toInputType();
    }

    /**
     * Whether {@code layer}, met on a sequence, is applied to every step on its own: a dense layer, and dropout
     * (element-wise anyway; DL4J's dropout layer cannot apply a padding mask to a whole sequence).
     */
    static boolean isPerStep(LayerSpec layer) { return layer instanceof Dense || layer instanceof Dropout; }

    /** {@code layer} applied to each step of a sequence. */
    static Layer perStep(Layer layer) { return new PerStepLayer(layer, FORMAT); }

    /** A user array ([n, steps, features] or token ids [n, steps]) in DL4J's layout; other ranks unchanged. */
    public static INDArray toDl4j(INDArray userArray, Shape shape) {
        if (shape.isTokens()) return userArray.reshape(userArray.size(0), 1, userArray.size(1));
        if (userArray.rank() == 3 && shape.isSequence()) return userArray.permute(0, 2, 1).dup('c');
        return userArray;
    }

    /** A DL4J activation of a layer whose output is {@code shape}, in the user's layout. */
    public static INDArray fromDl4j(INDArray dl4jArray, Shape shape) {
        if (dl4jArray.rank() == 3 && shape.isSequence()) return dl4jArray.permute(0, 2, 1).dup('c');
        return dl4jArray;
    }

    /**
     * Before DL4J scores a batch with these labels (DL4J layout) and label masks (null where none): sets each per-step output's {@link StepMeanLoss} factor to n / (real steps),
     * so DL4J's sum over steps divided by n becomes the mean over the batch's real steps.
     */
    public static void weighSteps(ComputationGraph net, INDArray[] labelArrays, INDArray[] labelMasks) {
        for (int o = 0; o < labelArrays.length; o++) {
            INDArray labels = labelArrays[o];
            if (labels.rank() != 3) continue;
            INDArray mask = labelMasks == null ? null : labelMasks[o];
            double steps = mask == null ? labels.size(0) * labels.size(2) : mask.sumNumber().doubleValue();
            org.deeplearning4j.nn.conf.layers.Layer conf = net.getOutputLayer(o).conf().getLayer();
            ILossFunction loss = conf instanceof BaseOutputLayer out ? out.getLossFn()
                    : conf instanceof RnnLossLayer out ? out.getLossFn() : null;
            if (loss instanceof StepMeanLoss step) step.scale(steps == 0 ? 0 : labels.size(0) / steps);
        }
    }
}
