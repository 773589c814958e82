/**
 * Internal to fer, not part of its API:
 * The training graph: head, Adam updates, feature caches and the training loop over TensorFlow sessions.
 */
package io.fer.train.internal.graph;
