/**
 * Internal to fer, not part of its API: the folders that runs of the command line and {@code ProtocolRun} write
 * their reports and models into.
 */
package io.fer.train.internal.run;
