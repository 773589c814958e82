/**
 * fer's pixel format ({@link io.fer.core.image.RgbImage}, read from files upright by their EXIF orientation), raw
 * and OpenCV frames ({@link io.fer.core.image.Frames}), and the error for unreadable images.
 */
package io.fer.core.image;
