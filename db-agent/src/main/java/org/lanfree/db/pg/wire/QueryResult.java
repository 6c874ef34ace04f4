package org.lanfree.db.pg.wire;

import java.util.List;

/**
 * One result set of a simple query, in text format.
 *
 * @param tag     the CommandComplete tag ("SELECT", "IDENTIFY_SYSTEM", ...)
 * @param columns column names, empty for commands without rows
 * @param rows    the rows; a null value is SQL NULL
 */
public record QueryResult(String tag, List<String> columns, List<List<String>> rows) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The value of {@code column} in the only row; fails naming the columns when there is no such column or row. */
    public String value(String column) {
        if (rows.size() != 1) {
            throw new PgProtocolException("expected one row from " + tag + ", got " + rows.size());
        }
        return value(0, column);
    }

    public String value(int row, String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new PgProtocolException("the result of " + tag + " has no column '" + column + "'; it has " + columns);
        }
        return rows.get(row).get(i);
    }
}
