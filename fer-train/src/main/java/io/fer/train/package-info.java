/**
 * Two-phase transfer learning: {@link io.fer.train.FerModel#builder()} fine-tunes a backbone into an
 * expression classifier and saves a model directory that {@code io.fer.core.Recognizer} loads.
 */
package io.fer.train;
