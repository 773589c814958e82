/**
 * What a model directory says about its network ({@link io.fer.core.model.ModelManifest}: labels, input size, crop
 * settings), the forms it may hold, and the error for an altered, incomplete or unusable directory.
 */
package io.fer.core.model;
