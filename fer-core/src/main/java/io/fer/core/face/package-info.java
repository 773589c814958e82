/**
 * Finding faces (OpenCV's Haar cascade) and cropping them exactly as training did, with an on-disk crop cache.
 */
package io.fer.core.face;
