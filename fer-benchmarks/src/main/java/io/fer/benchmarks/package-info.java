/**
 * JMH benchmarks and measurement runs of fer (raw SavedModel vs {@code Recognizer}, end to end, pre-processing,
 * augmentation, training steps, memory soak, training speed); not part of the library.
 */
package io.fer.benchmarks;
