/**
 * The TensorFlow runtime for DJL, loaded offline from the native artifacts on the classpath, and the cache
 * folder ({@link io.fer.core.runtime.FerHome}).
 */
package io.fer.core.runtime;
