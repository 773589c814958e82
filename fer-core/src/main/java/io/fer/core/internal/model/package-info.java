/**
 * Not API: the model directory's layout, checks and writing, and fer-zoo's pretrained model, shared with fer-train
 * and fer-examples. Applications load models with {@code Recognizer}.
 */
package io.fer.core.internal.model;
