/**
 * Internal to fer, not part of its API: helpers that fer-train's packages and fer's command line share (a folder
 * that replaces another at once, text made safe for a terminal). They change without notice.
 */
package io.fer.train.internal;
