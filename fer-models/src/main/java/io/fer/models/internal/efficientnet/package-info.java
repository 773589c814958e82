/**
 * Internal to fer, not part of its API:
 * EfficientNet B0..B7 built layer by layer as Keras' {@code EfficientNetB{N}(include_top=False)} builds it.
 */
package io.fer.models.internal.efficientnet;
