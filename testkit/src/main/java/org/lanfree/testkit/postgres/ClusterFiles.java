package org.lanfree.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes what initdb needs and what it leaves for us to write: the password file, settings and pg_hba.conf. */
final class ClusterFiles {

    private ClusterFiles() {
    }

    /**
     * The password file for {@code initdb --pwfile}. For MD5 it holds the stored form
     * ("md5" + md5(password + user)), which PostgreSQL keeps as is, so MD5 logins really use MD5
     * (a SCRAM-stored password would make the server ask for SCRAM even on an md5 line).
     */
    static void writePasswordFile(Path file, ClusterOptions options) {
        String stored = options.auth == AuthMethod.MD5 ? md5Stored(options.superuser, options.password) : options.password;
        write(file, stored + "\n", false);
    }

    /** Settings in effect for every start: the test defaults, the listen address and the caller's. */
    static Map<String, String> settings(ClusterOptions options, int port, Path socketDir) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("listen_addresses", PostgresCluster.HOST);
        all.put("port", Integer.toString(port));
        all.put("unix_socket_directories", socketDir == null ? "" : socketDir.toString());
        all.put("fsync", "off");
        all.put("password_encryption", options.auth.passwordEncryption());
        all.put("log_line_prefix", "%m [%p] %q%u@%d ");
        all.putAll(options.settings());
        return all;
    }

    /** Appends {@code settings} to the data directory's postgresql.conf; later lines win. */
    static void appendSettings(Path dataDir, Map<String, String> settings) {
        StringBuilder conf = new StringBuilder("\n# written by org.lanfree.testkit.postgres.PostgresCluster\n");
        settings.forEach((k, v) -> conf.append(k).append(" = ").append(quote(v)).append('\n'));
        write(dataDir.resolve("postgresql.conf"), conf.toString(), true);
    }

    /** Replaces pg_hba.conf: the caller's lines first, then local, host and replication lines for loopback. */
    static void writeHba(Path dataDir, ClusterOptions options) {
        String method = options.auth.hbaKeyword();
        StringBuilder hba = new StringBuilder("# written by org.lanfree.testkit.postgres.PostgresCluster\n");
        options.hbaLines.forEach(line -> hba.append(line).append('\n'));
        hba.append("local all all ").append(method).append('\n');
        hba.append("local replication all ").append(method).append('\n');
        for (String net : new String[] {"127.0.0.1/32", "::1/128"}) {
            hba.append("host all all ").append(net).append(' ').append(method).append('\n');
            hba.append("host replication all ").append(net).append(' ').append(method).append('\n');
        }
        write(dataDir.resolve("pg_hba.conf"), hba.toString(), false);
    }

    /** As a {@code -c name=value} option list for the server command line. */
    static String commandLine(Map<String, String> settings) {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(" -c ").append(k).append("='").append(v.replace("'", "'\\''")).append('\''));
        return sb.toString().trim();
    }

    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String md5Stored(String user, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] digest = md5.digest((password + user).getBytes(StandardCharsets.UTF_8));
            return "md5" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5 digest", e);
        }
    }

    private static void write(Path file, String text, boolean append) {
        try {
            if (append) {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
