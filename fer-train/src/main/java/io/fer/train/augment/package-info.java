/**
 * Training-time image augmentation (flips, rotation, zoom, shifts) with seeded randomness.
 */
package io.fer.train.augment;
