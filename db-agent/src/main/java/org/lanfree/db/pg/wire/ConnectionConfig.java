package org.lanfree.db.pg.wire;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom to connect.
 *
 * @param host            server host name or address
 * @param port            server TCP port
 * @param user            role to log in as
 * @param password        its password; null when the server is expected to trust the client
 * @param database        database to connect to ({@code postgres} when null)
 * @param mode            replication mode of the session
 * @param applicationName shown in pg_stat_activity and pg_stat_replication
 * @param connectTimeout  how long the TCP connect and the login may take
 * @param readTimeout     longest silence from the server once logged in (zero: wait forever)
 * @param serverOptions   the startup parameter {@code options}, e.g. "-c idle_session_timeout=0", or null
 */
public record ConnectionConfig(String host, int port, String user, String password, String database,
                               ReplicationMode mode, String applicationName, Duration connectTimeout,
                               Duration readTimeout, String serverOptions) {

    public ConnectionConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(mode, "mode");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port; expected 1..65535");
        }
        database = database == null ? "postgres" : database;
        applicationName = applicationName == null ? "lanfree" : applicationName;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(30) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofMinutes(10) : readTimeout;
    }

    /** A physical replication session with default timeouts. */
    public static ConnectionConfig physical(String host, int port, String user, String password) {
        return new ConnectionConfig(host, port, user, password, null, ReplicationMode.PHYSICAL, null, null, null, null);
    }

    public ConnectionConfig withMode(ReplicationMode value) {
        return new ConnectionConfig(host, port, user, password, database,
                value, applicationName, connectTimeout, readTimeout, serverOptions);
    }

    public ConnectionConfig withUser(String name, String pw) {
        return new ConnectionConfig(host, port, name, pw, database,
                mode, applicationName, connectTimeout, readTimeout, serverOptions);
    }

    public ConnectionConfig withApplicationName(String value) {
        return new ConnectionConfig(host, port, user, password, database,
                mode, value, connectTimeout, readTimeout, serverOptions);
    }

    /** Longest silence from the server once logged in; zero waits forever (TCP keepalive still notices a dead peer). */
    public ConnectionConfig withReadTimeout(Duration value) {
        return new ConnectionConfig(host, port, user, password, database, mode, applicationName, connectTimeout,
                value, serverOptions);
    }

    /** Settings for the server session, passed as the startup parameter {@code options}. */
    public ConnectionConfig withServerOptions(String value) {
        return new ConnectionConfig(host, port, user, password, database, mode, applicationName, connectTimeout,
                readTimeout, value);
    }

    /** "user@host:port (replication=true)" for messages; never the password. */
    public String describe() {
        return user + "@" + host + ":" + port + (mode.startupValue() == null ? "" : " (replication=" + mode.startupValue() + ")");
    }

    @Override
    public String toString() {
        return describe();
    }
}
