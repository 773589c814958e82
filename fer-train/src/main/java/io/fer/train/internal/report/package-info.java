/**
 * Internal to fer, not part of its API:
 * Report renderers shared by fer-train's evaluation reports, the command line's experiment tables and the
 * benchmarks' results: a {@link io.fer.train.internal.report.Table} model, and one renderer per format
 * ({@link io.fer.train.internal.report.Markdown}, {@link io.fer.train.internal.report.Csv}, {@link io.fer.train.internal.report.JsonText}).
 */
package io.fer.train.internal.report;
