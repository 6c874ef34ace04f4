package org.lanfree.cli.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Column-aligned text with a header row, as {@code ps} or {@code df} print it. */
public final class Table {

    private static final String GAP = "  ";

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this(List.of(header));
    }

    public Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row; a null cell prints as "-". */
    public Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has "
                    + header.size() + " columns " + header);
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(c == null ? "-" : c.toString());
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines, each ending in a newline; the last column is not padded. */
    public String render() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        for (List<String> row : rows) {
            line(out, row, width);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                char[] pad = new char[width[i] - cell.length()];
                Arrays.fill(pad, ' ');
                line.append(pad).append(GAP);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    @Override
    public String toString() {
        return render();
    }
}
