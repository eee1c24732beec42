package io.neurite.compile;

import io.neurite.core.Shape;
import io.neurite.layers.Embedding;
import io.neurite.layers.FirstStep;
import io.neurite.layers.LastStep;
import io.neurite.layers.LayerSpec;
import io.neurite.nativeops.NativeFirstStep;
import io.neurite.nativeops.NativeLastStep;
import io.neurite.nativeops.NativeRepeatAlong;
import io.neurite.spec.Convolutions;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Layers over sequences: the embedding of token ids, the first step as a vector, the last real step of a sequence
 * ({@link NativeLastStep}), and a vector repeated along a sequence (a two-input vertex, built by {@link #repeatAlong}).
 */
final class SequenceLayers implements LayerFamily {
    @Override
    public Layer toLayer(LayerSpec layer, Shape input, Convolutions engine) {
        if (layer instanceof Embedding e) {
            return new EmbeddingSequenceLayer.Builder().nIn(input.vocabularySize()).nOut(e.dimensions())
                    .inputLength((int) input.steps()).outputDataFormat(RNNFormat.NCW).hasBias(false)
                    .weightInit(e.effectiveInit().dl4j()).build();
        }
        if (layer instanceof FirstStep) return NativeFirstStep.of();
        if (layer instanceof LastStep) return NativeLastStep.create();
        return null;
    }

    /** The vertex repeating a vector of shape {@code vector} along a sequence. */
    static GraphVertex repeatAlong(Shape vector) { return new NativeRepeatAlong(vector.dims()[0]); }
}
