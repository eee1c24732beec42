package io.neurite.compile;

import io.neurite.core.Shape;
import io.neurite.layers.AdditiveAttention;
import io.neurite.layers.CrossAttention;
import io.neurite.layers.LayerNorm;
import io.neurite.layers.LayerSpec;
import io.neurite.layers.PositionEmbedding;
import io.neurite.layers.PositionalEncoding;
import io.neurite.layers.SelfAttention;
import io.neurite.nativeops.NativeAdditiveAttention;
import io.neurite.nativeops.NativeCrossAttention;
import io.neurite.nativeops.NativeLayerNorm;
import io.neurite.nativeops.NativePositionEmbedding;
import io.neurite.nativeops.NativePositionalEncoding;
import io.neurite.nativeops.NativeSelfAttention;
import io.neurite.spec.Convolutions;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * The Transformer's layers, all SameDiff layers of {@code nativeops} on sequences in {@link Sequences#FORMAT}: layer
 * normalization, positional encoding (sinusoidal or learned), multi-head self-attention (a layer), cross-attention
 * and additive attention (two-input vertices, built by {@link #crossAttention} and {@link #additiveAttention}). DL4J
 * M2.1 has no layer normalization and its attention layers have no causal mask.
 */
final class AttentionLayers implements LayerFamily {
    @Override
    public Layer toLayer(LayerSpec layer, Shape input, Convolutions engine) {
        if (layer instanceof LayerNorm n) return NativeLayerNorm.of(n.epsilon());
        if (layer instanceof SelfAttention a) return NativeSelfAttention.of(a.heads(), a.causal());
        if (layer instanceof PositionalEncoding) return NativePositionalEncoding.sinusoidal();
        if (layer instanceof PositionEmbedding p) return NativePositionEmbedding.of(p.maxSteps(), p.std());
        return null;
    }

    /** The vertex for queries of shape {@code queries} attending additively to {@code memory}. */
    static GraphVertex additiveAttention(AdditiveAttention layer, Shape queries, Shape memory) {
        return new NativeAdditiveAttention(queries.features(), memory.features(), layer.hiddens());
    }

    /** The vertex for queries of shape {@code queries} attending to {@code memory}. */
    static GraphVertex crossAttention(CrossAttention layer, Shape queries, Shape memory) {
        return new NativeCrossAttention(queries.features(), memory.features(), layer.heads());
    }
}
