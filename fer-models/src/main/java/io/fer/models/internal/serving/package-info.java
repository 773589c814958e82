/**
 * Internal to fer, not part of its API: the folded serving network of a trained model and its TensorFlow and ONNX
 * forms.
 */
package io.fer.models.internal.serving;
