/**
 * The serving engines (ONNX Runtime or TensorFlow, through DJL, offline) and their threads, and TensorFlow's
 * runtime: its natives loaded from the artifacts on the classpath, and what it found.
 */
package io.fer.core.runtime;
