/**
 * Not API: image decoding with its limits and EXIF orientation, shared with fer-train, fer-video and fer-benchmarks.
 * Applications read images with {@code RgbImage.read} or hand files to {@code Recognizer.predict}.
 */
package io.fer.core.internal.image;
