package io.neurite.layers;

import io.neurite.core.Shape;
import java.util.List;

/**
 * Batch normalization: y = gamma (x - mean) / sqrt(var + eps) + beta per feature (per channel for images), with batch
 * statistics in training and running averages (momentum {@code decay}) at inference. Params 4 per feature: gamma and
 * beta are trained, the running mean and variance are not.
 */
public record BatchNorm(double decay, double eps) implements LayerSpec {
    public static BatchNorm standard() { return new BatchNorm(0.9, 1e-5); }

    @Override public String type() { return "BatchNorm"; }

    @Override public String details() { return ""; }

    @Override public Shape outputShape(List<Shape> inputs) { return LayerSpec.single(inputs); }

    /** Features normalized separately: channels for images, values for vectors. */
    public static long features(Shape in) {
        return in.isImage() ? in.channels() : in.dims()[0];
    }
}
