/**
 * The {@code fer} command line ({@link io.fer.examples.FerCli}): demo, train, evaluate, predict, experiment,
 * dataset, layers and info.
 */
package io.fer.examples;
