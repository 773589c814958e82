/**
 * Report renderers shared by fer-train's evaluation reports, the command line's experiment tables and the
 * benchmarks' results: a {@link io.fer.train.report.Table} model, and one renderer per format
 * ({@link io.fer.train.report.Markdown}, {@link io.fer.train.report.Csv}, {@link io.fer.train.report.JsonText}).
 */
package io.fer.train.report;
