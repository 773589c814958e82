/**
 * The backbones a model is built on ({@link io.fer.models.Backbone}: EfficientNet B0..B7 with their compound-scaling
 * coefficients, and the plain CNN) and the error a weights file gives ({@link io.fer.models.WeightFileException}).
 * The networks themselves are built by {@code io.fer.models.internal}, which is not part of fer's API.
 */
package io.fer.models;
