package io.fer.video;

/** Hears expression changes, on the analyzer's thread: keep it quick. */
@FunctionalInterface
public interface ExpressionListener {
    void expressionChanged(ExpressionChange change);
}
