package io.fer.train.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formats metrics exactly as scikit-learn's {@code classification_report} prints them (its column widths, blank
 * lines, "accuracy", "macro avg" and "weighted avg" rows), so that reports compare line by line with Python runs.
 *
 * <p>One difference: every class of the matrix is listed and the "accuracy" row is always printed. scikit-learn does
 * the same whenever each class occurs among the true or predicted labels; given explicit {@code labels} that include
 * a class occurring nowhere, it prints a "micro avg" row instead of "accuracy".
 */
final class ClassificationReportText {

    /** The default number of decimals, as in scikit-learn. */
    public static final int DEFAULT_DIGITS = 2;

    private static final String LONGEST_LAST_LINE_HEADING = "weighted avg";

    private ClassificationReportText() {}

    /** The report with {@link #DEFAULT_DIGITS} decimals. */
    public static String format(ClassificationMetrics metrics) {
        return format(metrics, DEFAULT_DIGITS);
    }

    /** The report with {@code digits} decimals. */
    public static String format(ClassificationMetrics metrics, int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("digits must not be negative, got " + digits);
        }
        int nameWidth = metrics.perClass().stream().mapToInt(m -> m.label().length()).max().orElse(0);
        int width = Math.max(Math.max(nameWidth, LONGEST_LAST_LINE_HEADING.length()), digits);

        StringBuilder out = new StringBuilder();
        // head_fmt = "{:>{width}s} " + " {:>9}" * 4
        out.append(right("", width)).append(' ');
        for (String header : new String[] {"precision", "recall", "f1-score", "support"}) {
            out.append(' ').append(right(header, 9));
        }
        out.append("\n\n");
        for (ClassificationMetrics.ClassMetrics m : metrics.perClass()) {
            row(out, m.label(), m.precision(), m.recall(), m.f1(), m.support(), width, digits);
        }
        out.append('\n');
        // the accuracy row leaves precision and recall blank: " {:>9.{digits}}".format("") is nine spaces
        out.append(right("accuracy", width)).append(' ')
                .append(' ').append(right("", 9))
                .append(' ').append(right("", 9))
                .append(' ').append(right(decimal(metrics.accuracy(), digits), 9))
                .append(' ').append(right(Long.toString(metrics.total()), 9)).append('\n');
        ClassificationMetrics.AverageMetrics macro = metrics.macroAverage();
        row(out, "macro avg", macro.precision(), macro.recall(), macro.f1(), macro.support(), width, digits);
        ClassificationMetrics.AverageMetrics weighted = metrics.weightedAverage();
        row(out, "weighted avg", weighted.precision(), weighted.recall(), weighted.f1(), weighted.support(), width,
                digits);
        return out.toString();
    }

    /**
     * A number as Python's {@code format(x, ".{digits}f")} writes it: the exact binary value rounded half to even
     * (so 0.125 gives "0.12", where {@code String.format} would give "0.13").
     */
    static String decimal(double value, int digits) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of a negative value that rounds to zero ("-0.00"); BigDecimal drops it
        return value < 0 && !text.startsWith("-") ? "-" + text : text;
    }

    // row_fmt = "{:>{width}s} " + " {:>9.{digits}f}" * 3 + " {:>9}\n"
    private static void row(StringBuilder out, String name, double precision, double recall, double f1, long support,
            int width, int digits) {
        out.append(right(name, width)).append(' ');
        for (double v : new double[] {precision, recall, f1}) {
            out.append(' ').append(right(decimal(v, digits), 9));
        }
        out.append(' ').append(right(Long.toString(support), 9)).append('\n');
    }

    private static String right(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
