package io.fer.train.eval;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 lines: fields with a comma, quote or line break are quoted, quotes doubled. */
final class Csv {

    private Csv() {}

    static String line(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\n";
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** Full precision, locale-independent (Java's shortest round-trip form). */
    static String number(double value) {
        return Double.toString(value);
    }
}
