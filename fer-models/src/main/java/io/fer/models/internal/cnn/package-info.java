/**
 * The paper's plain CNN baseline as a TensorFlow graph.
 */
package io.fer.models.cnn;
