/**
 * The model directory format: a serving SavedModel plus {@code fer-model.json}, verified on load.
 */
package io.fer.core.model;
