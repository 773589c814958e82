/**
 * Procedurally drawn synthetic faces for demos and tests (clearly not real data).
 */
package io.fer.train.data.synthetic;
