/**
 * Metrics (scikit-learn semantics) and evaluation reports: text, CSV, JSON, Markdown and charts.
 */
package io.fer.train.eval;
