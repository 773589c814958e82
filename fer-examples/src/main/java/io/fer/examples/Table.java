package io.fer.examples;

import io.fer.train.internal.Printable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with columns padded to their widest cell; the first column left-aligned, others right. Cells are
 * {@linkplain Printable#escape escaped}, so each row is exactly one line whatever the cells hold.
 */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] leftAligned;

    Table(String... header) {
        this.header = List.of(header);
        this.leftAligned = new boolean[header.length];
        leftAligned[0] = true;
    }

    /** Left-aligns column {@code index} (the first is always). */
    Table left(int index) {
        leftAligned[index] = true;
        return this;
    }

    /** Adds a row; missing cells are blank. */
    Table row(String... cells) {
        if (cells.length > header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        String[] padded = Arrays.copyOf(cells, header.size());
        for (int i = 0; i < padded.length; i++) {
            // a cell is one line: a file name with a newline or an ANSI escape must not forge rows or colours
            padded[i] = padded[i] == null ? "" : Printable.escape(padded[i]);
        }
        rows.add(List.of(padded));
        return this;
    }

    /** The table, one line per row, header first. */
    String render() {
        int[] widths = new int[header.size()];
        for (List<String> r : allRows()) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> r : allRows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String cell = r.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(leftAligned[i] ? cell + pad : pad + cell);
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
