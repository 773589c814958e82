/**
 * Internal to fer, not part of its API:
 * The paper's plain CNN baseline as a TensorFlow graph.
 */
package io.fer.models.internal.cnn;
