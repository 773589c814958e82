package io.fer.train.internal.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table of text cells: a header, each column's alignment and rows of the header's width. Cells are already
 * formatted (numbers as the report wants them); renderers only lay them out and escape them.
 *
 * @param header column names
 * @param alignments each column's alignment (Markdown's {@code ---} or {@code ---:})
 * @param rows the body, each row as wide as the header
 */
public record Table(List<String> header, List<Align> alignments, List<List<String>> rows) {
    /** How a column's cells are aligned. */
    public enum Align { LEFT, RIGHT }

    public Table {
        header = List.copyOf(header);
        alignments = List.copyOf(alignments);
        rows = rows.stream().map(List::copyOf).toList();
        if (alignments.size() != header.size()) {
            throw new IllegalArgumentException("A table of " + header.size() + " columns needs as many alignments, got "
                    + alignments.size());
        }
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("Row " + row + " has " + row.size() + " cells for the "
                        + header.size() + " columns " + header);
            }
        }
    }

    /** Starts a table whose columns are left-aligned until {@link Builder#rightFrom} says otherwise. */
    public static Builder builder(String... header) {
        return new Builder(Arrays.asList(header));
    }

    /** Starts a table on a header given as a list. */
    public static Builder builder(List<String> header) {
        return new Builder(header);
    }

    /** Collects rows. */
    public static final class Builder {
        private final List<String> header;
        private final Align[] alignments;
        private final List<List<String>> rows = new ArrayList<>();

        private Builder(List<String> header) {
            this.header = List.copyOf(header);
            this.alignments = new Align[header.size()];
            Arrays.fill(alignments, Align.LEFT);
        }

        /** Right-aligns column {@code first} and every column after it (the numbers of most reports). */
        public Builder rightFrom(int first) {
            Arrays.fill(alignments, Objects.checkIndex(first, alignments.length), alignments.length, Align.RIGHT);
            return this;
        }

        /** Right-aligns the given columns. */
        public Builder right(int... columns) {
            for (int c : columns) {
                alignments[Objects.checkIndex(c, alignments.length)] = Align.RIGHT;
            }
            return this;
        }

        /** Appends a row. */
        public Builder row(List<String> cells) {
            rows.add(cells);
            return this;
        }

        /** Appends a row. */
        public Builder row(String... cells) {
            return row(Arrays.asList(cells));
        }

        public Table build() {
            return new Table(header, Arrays.asList(alignments), rows);
        }
    }
}
