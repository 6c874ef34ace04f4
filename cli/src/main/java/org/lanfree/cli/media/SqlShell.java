package org.lanfree.cli.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.lanfree.cli.console.Json;
import org.lanfree.cli.console.Table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Runs SQL statements on one connection and prints their results; a failed statement is reported, not fatal. */
final class SqlShell {

    private static final String PROMPT = "catalog> ";
    private static final String MORE = "    ...> ";

    private final Connection connection;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    SqlShell(Connection connection, PrintWriter out, PrintWriter err, boolean json) {
        this.connection = connection;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** Reads statements ending with ';' at the end of a line; returns whether all of them ran. */
    boolean runAll(BufferedReader in, boolean prompt) throws IOException {
        boolean allRan = true;
        StringBuilder pending = new StringBuilder();
        while (true) {
            if (prompt) {
                out.print(pending.isEmpty() ? PROMPT : MORE);
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                break;
            }
            if (pending.isEmpty() && (line.isBlank() || line.strip().startsWith("--"))) {
                continue;
            }
            pending.append(line).append('\n');
            String text = pending.toString().strip();
            if (text.endsWith(";")) {
                allRan &= run(text.substring(0, text.length() - 1));
                pending.setLength(0);
            }
        }
        if (!pending.toString().isBlank()) {
            allRan &= run(pending.toString());
        }
        return allRan;
    }

    /** Runs one statement and prints its result table, or its update count, or its error. */
    boolean run(String sql) {
        try (Statement s = connection.createStatement()) {
            if (s.execute(sql.strip())) {
                try (ResultSet rs = s.getResultSet()) {
                    print(rs);
                }
            } else {
                out.println("(" + s.getUpdateCount() + " rows changed)");
            }
            out.flush();
            return true;
        } catch (SQLException e) {
            err.println("sql: " + e.getMessage().lines().findFirst().orElse(e.toString()).replaceFirst(";? ?SQL statement:$", "")
                    + (e.getErrorCode() == 90096 ? " HINT: the catalog shell logs in as the read-only user 'reader',"
                    + " which may only SELECT" : ""));
            err.flush();
            return false;
        }
    }

    private void print(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnLabel(i).toLowerCase());
        }
        if (json) {
            ArrayNode rows = Json.object().arrayNode();
            while (rs.next()) {
                ObjectNode row = rows.addObject();
                for (int i = 1; i <= names.size(); i++) {
                    Object v = rs.getObject(i);
                    row.putPOJO(names.get(i - 1), v == null ? null : v instanceof Number || v instanceof Boolean ? v : v.toString());
                }
            }
            out.println(Json.pretty(rows));
            return;
        }
        Table table = new Table(names);
        int count = 0;
        while (rs.next()) {
            Object[] cells = new Object[names.size()];
            for (int i = 1; i <= names.size(); i++) {
                cells[i - 1] = rs.getString(i);
            }
            table.row(cells);
            count++;
        }
        out.print(table.render());
        out.println("(" + count + (count == 1 ? " row)" : " rows)"));
    }
}
