package org.lanfree.cli.h2;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.MVStoreTool;

/**
 * Checks a restored database the way H2 can: its store tool reads the file's chunk layout
 * ({@code MVStoreTool.info}), then H2 opens it (validating the chunks and rolling back
 * transactions that were open at the copy) and every row of every table is read, LOBs to their
 * end, so every page's and LOB's checksum is checked, and each table's rows read are compared
 * with its own count.
 */
final class RestoredDatabaseCheck {

    record Report(int tables, long rows, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private RestoredDatabaseCheck() {
    }

    static Report run(RestoreTarget target, String user, String password) throws SQLException {
        List<String> problems = new ArrayList<>();
        String store = MVStoreTool.info(target.file().toString(), Writer.nullWriter());
        if (store != null) {
            problems.add(target.file() + ": H2's store tool cannot read it: " + store);
            return new Report(0, 0, problems);
        }
        String url = target.url();
        long rows = 0;
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", user, password)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME"
                    + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA <>"
                    + " 'INFORMATION_SCHEMA' ORDER BY 1, 2")) {
                while (rs.next()) {
                    tables.add(quote(rs.getString(1)) + "." + quote(rs.getString(2)));
                }
            }
            for (String table : tables) {
                long counted;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counted = rs.getLong(1);
                }
                long read = readAll(c, table);
                rows += read;
                if (read != counted) {
                    problems.add(table + ": " + read + " rows read but the table counts " + counted);
                }
            }
        }
        return new Report(tables.size(), rows, problems);
    }

    private static long readAll(Connection c, String table) throws SQLException {
        long n = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    drain(rs.getObject(i));
                }
                n++;
            }
        }
        return n;
    }

    private static void drain(Object value) throws SQLException {
        try {
            if (value instanceof Blob b) {
                try (InputStream in = b.getBinaryStream()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            } else if (value instanceof Clob cl) {
                try (Reader in = cl.getCharacterStream()) {
                    in.transferTo(Writer.nullWriter());
                }
            }
        } catch (IOException e) {
            throw new SQLException("a LOB could not be read to its end: " + e.getMessage(), e);
        }
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
