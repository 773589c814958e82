/**
 * Internal to fer, not part of its API:
 * Keras-2 HDF5 weight files: reading, writing and checking weights by layer name and shape.
 */
package io.fer.models.internal.keras;
