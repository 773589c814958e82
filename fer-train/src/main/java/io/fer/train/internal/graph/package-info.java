/**
 * The training graph: head, Adam updates, feature caches and the training loop over TensorFlow sessions.
 */
package io.fer.train.graph;
