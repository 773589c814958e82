/**
 * Not API: types fer's other modules (fer-train, fer-video, fer-models, fer-examples, fer-benchmarks) share with
 * fer-core but applications should not use. They may change or go in any release; they are left out of the javadoc.
 */
package io.fer.core.internal;
