/**
 * Test fixtures (Keras' EfficientNet reference data) for fer's own tests; not published.
 */
package io.fer.testdata;
