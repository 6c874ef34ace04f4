package org.lanfree.db.pg.jobs;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.lanfree.db.pg.wire.ConnectionConfig;

/**
 * A cluster as libpq's URI names it: {@code postgresql://USER[:PASSWORD]@HOST[:PORT][/DATABASE]}.
 * The role needs REPLICATION (for the backup) and must be able to update {@code lanfree.jobs}.
 */
public record PgUrl(String text, String host, int port, String user, String password, String database) {

    /** Parses {@code text}; the message says which part is wrong. */
    public static PgUrl parse(String text) {
        String hint = "; expected postgresql://USER[:PASSWORD]@HOST[:PORT][/DATABASE], e.g."
                + " postgresql://lanfree@127.0.0.1:5432/postgres";
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL (" + e.getReason() + ")" + hint);
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("'" + text + "' does not start with postgresql://" + hint);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' names no host" + hint);
        }
        String info = uri.getRawUserInfo();
        if (info == null || info.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no user" + hint);
        }
        int colon = info.indexOf(':');
        String user = decode(colon < 0 ? info : info.substring(0, colon));
        String password = colon < 0 ? null : decode(info.substring(colon + 1));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new PgUrl(text.strip(), uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password,
                path.isEmpty() ? "postgres" : path);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /**
     * The dataset name in the media server's catalog: the cluster's address as HOST-PORT (the
     * staging pool's stream names allow letters, digits, '.', '_' and '-' only).
     */
    public String dataset() {
        return host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + port;
    }

    /** For pgjdbc: {@link #jdbcUrl()} and these properties. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    public Properties jdbcProperties(String applicationName) {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", applicationName);
        return p;
    }

    /** For our replication client (BASE_BACKUP). */
    public ConnectionConfig replication() {
        return ConnectionConfig.physical(host, port, user, password);
    }

    /** The URL without its password, for logs and messages. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
}
