/**
 * Backbones as TensorFlow graphs ({@link io.fer.models.Backbone}): EfficientNet B0..B7 and the plain CNN,
 * their variables and weight transfer.
 */
package io.fer.models;
