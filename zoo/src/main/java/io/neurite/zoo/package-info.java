/**
 * Classic convolutional architectures as functions from (input shape, class count) to a {@link io.neurite.model.Model}.
 * Each full-size model matches a named reference implementation's parameter count; each has a {@code reduced} variant
 * that trains on 28x28 or 32x32 images on a laptop CPU in minutes. Every model names its last feature layer
 * {@value io.neurite.zoo.Zoo#FEATURES}, the natural point to freeze up to for transfer learning.
 */
package io.neurite.zoo;
