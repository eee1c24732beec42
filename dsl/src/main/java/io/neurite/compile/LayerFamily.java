package io.neurite.compile;

import io.neurite.core.Shape;
import io.neurite.layers.LayerSpec;
import io.neurite.spec.Convolutions;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * How one family of one-input layer specs becomes DL4J layers. {@link GraphCompiler} asks each family in turn;
 * adding a family of layers means adding an implementation and listing it in {@link GraphCompiler}.
 */
interface LayerFamily {
    /** The DL4J layer computing {@code layer}, or null when {@code layer} is not of this family. */
    Layer toLayer(LayerSpec layer, Shape input, Convolutions engine);
}
