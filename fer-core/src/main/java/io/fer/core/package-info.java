/**
 * What an application embeds to recognise facial expressions: {@link io.fer.core.Recognizer} loads a model
 * directory and answers {@link io.fer.core.Prediction}s over the {@link io.fer.core.Expression} classes;
 * {@link io.fer.core.FerTranslator} runs a fer model through DJL's own {@code Criteria} and {@code Predictor}.
 */
package io.fer.core;
