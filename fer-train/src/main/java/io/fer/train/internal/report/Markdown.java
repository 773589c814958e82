package io.fer.train.internal.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Markdown document written block by block: headings, paragraphs, tables (their cells escaped), images and bullet
 * lists, each followed by the blank line Markdown needs between blocks where the caller asks for one.
 */
public final class Markdown {
    private final StringBuilder text = new StringBuilder();

    /** {@code # text} at {@code level} (1..6), then a blank line. */
    public Markdown heading(int level, String title) {
        if (level < 1 || level > 6) {
            throw new IllegalArgumentException("Markdown heading level must be 1..6, got " + level);
        }
        text.append("#".repeat(level)).append(' ').append(title).append("\n\n");
        return this;
    }

    /** A paragraph, then a blank line. */
    public Markdown paragraph(String paragraph) {
        text.append(paragraph).append("\n\n");
        return this;
    }

    /** The table: header, alignment row and rows, cells escaped ({@link #escape}); no blank line after. */
    public Markdown table(Table table) {
        text.append(row(table.header()));
        text.append('|').append(table.alignments().stream()
                .map(a -> a == Table.Align.RIGHT ? "---:|" : "---|").collect(Collectors.joining())).append('\n');
        table.rows().forEach(r -> text.append(row(r)));
        return this;
    }

    /** {@code ![alt](file)} on a line of its own. */
    public Markdown image(String alt, String file) {
        text.append("![").append(alt).append("](").append(file).append(")\n");
        return this;
    }

    /** One {@code - item} line per item. */
    public Markdown bullets(List<String> items) {
        items.forEach(i -> text.append("- ").append(i).append('\n'));
        return this;
    }

    /** Text as it is (a line break, an already rendered block). */
    public Markdown raw(String raw) {
        text.append(raw);
        return this;
    }

    /** The document so far. */
    public String text() {
        return text.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /** A table cell's text: pipes escaped, line breaks as spaces. */
    public static String escape(String cell) {
        return cell.replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
    }

    private static String row(List<String> cells) {
        if (cells.stream().allMatch(String::isEmpty)) {
            return "|" + " |".repeat(cells.size()) + "\n";   // a key-value table's blank header: | | |
        }
        return cells.stream().map(Markdown::escape).collect(Collectors.joining(" | ", "| ", " |\n"));
    }
}
