/**
 * Finding faces (YuNet, or OpenCV's Haar cascade) and cropping them exactly as training did.
 */
package io.fer.core.face;
