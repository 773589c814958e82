/**
 * Internal to fer: a backbone as a TensorFlow graph (variables, towers, weight transfer). Not
 * part of fer's API.
 */
package io.fer.models.internal.graph;
