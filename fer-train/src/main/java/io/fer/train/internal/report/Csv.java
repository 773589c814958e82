package io.fer.train.internal.report;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled. */
public final class Csv {

    private Csv() {}

    /** One line of fields, with its line break. */
    public static String line(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\n";
    }

    /** One field, quoted where it needs to be; null is empty. */
    public static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** Full precision, locale-independent (Java's shortest round-trip form). */
    public static String number(double value) {
        return Double.toString(value);
    }

    /** The table as CSV: the header line, then one line per row (alignment is Markdown's only). */
    public static String render(Table table) {
        StringBuilder out = new StringBuilder(line(table.header()));
        table.rows().forEach(r -> out.append(line(r)));
        return out.toString();
    }
}
