package org.lanfree.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lanfree.testkit.FreePorts;

/**
 * A real PostgreSQL cluster for a test, run by an unprivileged OS user on 127.0.0.1.
 *
 * <pre>{@code
 * try (PostgresCluster pg = PostgresCluster.start(PostgresVersion.V17, tempDir)) {
 *     DriverManager.getConnection(pg.jdbcUrl(), pg.superuser(), pg.password());
 * }
 * }</pre>
 *
 * {@link #start} creates {@code DIR/data} with initdb and logs to {@code DIR/postgres.log};
 * {@link #startExisting} runs a data directory made elsewhere (a restore), passing port and
 * settings on the command line so its files stay untouched. {@code close()} stops the server
 * (fast shutdown) and deletes what {@code start} created. A JVM shutdown hook stops clusters a
 * test forgot, so no postmaster outlives the tests.
 */
public final class PostgresCluster implements AutoCloseable {

    /** The address every cluster listens on. */
    public static final String HOST = "127.0.0.1";

    private static final int BIND_ATTEMPTS = 3;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<PostgresCluster> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> RUNNING.forEach(c -> c.ctl.stop("immediate", STOP_TIMEOUT)), "postgres-cluster-reaper"));
    }

    private final PostgresBinaries binaries;
    private final ClusterOptions options;
    private final OsUser user;
    private final Path home;
    private final Path dataDir;
    private final Path logFile;
    private final boolean created;
    private final boolean homeCreated;
    private final PgCtl ctl;
    private int port;
    private volatile boolean running;

    private PostgresCluster(PostgresBinaries binaries, ClusterOptions options, OsUser user, Path home,
                            Path dataDir, Path logFile, boolean created, boolean homeCreated) {
        this.binaries = binaries;
        this.options = options;
        this.user = user;
        this.home = home;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.created = created;
        this.homeCreated = homeCreated;
        this.ctl = new PgCtl(binaries, user, dataDir, logFile);
    }

    public static PostgresCluster start(PostgresVersion version, Path dir) {
        return start(version, dir, ClusterOptions.defaults());
    }

    /** Creates a new cluster in {@code dir/data} and starts it; {@code dir} is created when missing. */
    public static PostgresCluster start(PostgresVersion version, Path dir, ClusterOptions options) {
        PostgresBinaries binaries = PostgresBinaries.of(version);
        OsUser user = OsUser.forClusters(options.osUser);
        Path home = dir.toAbsolutePath().normalize();
        Path data = home.resolve("data");
        boolean homeCreated = !Files.exists(home);
        try {
            Files.createDirectories(home);
            if (Files.exists(data)) {
                throw new IllegalStateException("cannot create a cluster in " + data + ": it exists already, expected"
                        + " a new folder; HINT: use startExisting for a data directory made elsewhere");
            }
            Files.createDirectories(data);
            user.ensureCanTraverse(data);
            user.own(data);
            Path log = home.resolve("postgres.log");
            Files.writeString(log, "");
            user.own(log);
            PostgresCluster cluster = new PostgresCluster(binaries, options, user, home, data, log, true, homeCreated);
            try {
                cluster.ctl.initdb(options, home);
                ClusterFiles.writeHba(data, options);
                cluster.startAndCheck(true);
            } catch (RuntimeException e) {
                cluster.closeAfterFailure(e);
                throw e;
            }
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare cluster folder " + home + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts a data directory that exists already (restored, or left by an earlier cluster):
     * it is handed to the cluster's OS user with mode 0700 and started with this fixture's
     * listen address, port and {@code options.settings} given as {@code -c} options. Its
     * pg_hba.conf and postgresql.conf are left as they are; {@code close()} keeps the directory.
     */
    public static PostgresCluster startExisting(PostgresVersion version, Path dataDir, ClusterOptions options) {
        PostgresBinaries binaries = PostgresBinaries.of(version);
        OsUser user = OsUser.forClusters(options.osUser);
        Path data = dataDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
            throw new IllegalStateException("cannot start " + data + ": no PG_VERSION file, expected a data directory;"
                    + " HINT: restore or initdb it first");
        }
        user.ensureCanTraverse(data);
        Exec.run(List.of("chown", "-R", user.name() + ":", data.toString()), STOP_TIMEOUT)
                .orThrow("handing " + data + " to " + user, "run the tests as root or as the data directory's owner");
        Exec.run(List.of("chmod", "0700", data.toString()), STOP_TIMEOUT).orThrow("chmod 0700 " + data, "check the folder");
        Path log = data.resolveSibling(data.getFileName() + ".log");
        PostgresCluster cluster = new PostgresCluster(binaries, options, user, data.getParent(), data, log, false, false);
        try {
            Files.writeString(log, "");
            user.own(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log file " + log + ": " + e.getMessage(), e);
        }
        cluster.startAndCheck(false);
        return cluster;
    }

    public PostgresVersion version() {
        return binaries.version();
    }

    public PostgresBinaries binaries() {
        return binaries;
    }

    /** What the server reports, e.g. "17.5". */
    public String serverVersion() {
        return binaries.fullVersion();
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String superuser() {
        return options.superuser;
    }

    public String password() {
        return options.password;
    }

    public AuthMethod auth() {
        return options.auth;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    public OsUser osUser() {
        return user;
    }

    public boolean isRunning() {
        return running;
    }

    /** A pgjdbc URL for the {@code postgres} database. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** A new superuser connection to {@code database}. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), options.superuser, options.password);
    }

    /** Runs statements as the superuser in the {@code postgres} database, each in its own transaction. */
    public void execute(String... sql) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            for (String one : sql) {
                s.execute(one);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on " + this + " failed: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + "); HINT: see " + logFile, e);
        }
    }

    /** Creates an empty database owned by the superuser and returns its JDBC URL. */
    public String createDatabase(String name) {
        execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        return jdbcUrl(name);
    }

    /** The server log so far. */
    public String log() {
        return ctl.log();
    }

    /** Starts the server again after {@link #stop} or {@link #kill}, on the same port. */
    public synchronized void start() {
        if (!running) {
            startAndCheck(false);
        }
    }

    /** Fast shutdown: sessions are ended, the server checkpoints and stops. Files stay. */
    public synchronized void stop() {
        shutdown("fast");
    }

    /** Immediate shutdown, as after a crash: the next start runs crash recovery. */
    public synchronized void kill() {
        shutdown("immediate");
    }

    /** Stops the server and deletes what {@link #start} created. */
    @Override
    public synchronized void close() {
        shutdown("fast");
        if (created) {
            Path target = homeCreated ? home : dataDir;
            Exec.run(List.of("rm", "-rf", target.toString()), STOP_TIMEOUT).orThrow("deleting " + target, "delete it by hand");
            if (!homeCreated) {
                Exec.run(List.of("rm", "-f", logFile.toString()), STOP_TIMEOUT).orThrow("deleting " + logFile, "delete it by hand");
            }
        }
    }

    private void closeAfterFailure(RuntimeException failure) {
        try {
            close();
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    @Override
    public String toString() {
        return version() + " cluster at " + HOST + ":" + port + " (" + dataDir + ")";
    }

    private void startAndCheck(boolean writeSettings) {
        boolean pickPort = options.port == 0;
        if (port == 0) {
            port = pickPort ? FreePorts.single() : options.port;
        }
        Path socketDir = options.unixSocket ? home.resolve("sock") : null;
        if (socketDir != null && !Files.isDirectory(socketDir)) {
            try {
                Files.createDirectories(socketDir);
                user.own(socketDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create socket folder " + socketDir + ": " + e.getMessage(), e);
            }
        }
        for (int attempt = 1; ; attempt++) {
            Map<String, String> settings = ClusterFiles.settings(options, port, socketDir);
            if (writeSettings) {
                ClusterFiles.appendSettings(dataDir, settings);
            }
            int logBefore = ctl.log().length();
            Exec.Result r = ctl.start(created ? null : ClusterFiles.commandLine(settings), options.startTimeout);
            if (r.ok()) {
                break;
            }
            String attemptLog = ctl.log().substring(Math.min(logBefore, ctl.log().length()));
            boolean portTaken = attemptLog.contains("could not bind") || attemptLog.contains("Address already in use");
            if (pickPort && portTaken && attempt < BIND_ATTEMPTS) {
                port = FreePorts.single();
                continue;
            }
            r.orThrow("starting " + this, "read the server log " + logFile + ":\n" + Exec.tail(ctl.log()));
        }
        running = true;
        RUNNING.add(this);
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        } catch (SQLException e) {
            throw new IllegalStateException("pg_ctl started " + this + " but a connection as " + options.superuser
                    + " failed: " + e.getMessage() + "; HINT: the server log says:\n" + Exec.tail(ctl.log()), e);
        }
    }

    private void shutdown(String mode) {
        if (!running) {
            return;
        }
        ctl.stop(mode, STOP_TIMEOUT).orThrow("stopping " + this + " (" + mode + ")", "read the server log " + logFile);
        running = false;
        RUNNING.remove(this);
    }
}
