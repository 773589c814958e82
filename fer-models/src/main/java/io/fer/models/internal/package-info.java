/**
 * Internal to fer: what each backbone is as a network (layer table, TensorFlow graph). Not part of fer's API: it
 * changes without notice; applications use {@link io.fer.models.Backbone} and the {@code io.fer.train} API.
 */
package io.fer.models.internal;
