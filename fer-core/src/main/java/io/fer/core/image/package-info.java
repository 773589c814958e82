/**
 * Decoding images into RGB pixels and resampling them, with clear errors for unreadable files.
 */
package io.fer.core.image;
