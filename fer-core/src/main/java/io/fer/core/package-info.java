/**
 * What an application embeds to recognise facial expressions: {@link io.fer.core.Recognizer} loads a model
 * directory and answers {@link io.fer.core.Prediction}s over the {@link io.fer.core.Expression} classes.
 */
package io.fer.core;
