package org.lanfree.db.pg.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.lanfree.db.pg.wire.ConnectionConfig;
import org.lanfree.testkit.Await;
import org.lanfree.testkit.postgres.ClusterOptions;
import org.lanfree.testkit.postgres.PostgresCluster;
import org.lanfree.testkit.postgres.PostgresVersion;

/**
 * One running cluster per PostgreSQL major, shared by every test class of the run (a cluster
 * costs seconds on two cores) and stopped at its end. Each has data checksums, SCRAM for the
 * superuser, {@value #WAL_SENDERS} WAL senders, and roles for the login tests:
 * {@code repl_trust} (trust), {@code repl_md5} (MD5-stored password, md5 line),
 * {@code repl_scram} (SCRAM), {@code no_repl} (no REPLICATION attribute) and
 * {@code hba_rejected} (a pg_hba.conf line rejects its replication connections).
 * Inject it into a test method as a {@code Clusters} parameter.
 */
public final class Clusters implements AutoCloseable {

    /**
     * Room for a backup (2 senders) beside the senders of an earlier test that are still
     * exiting, so backups never race them; the exhaustion test holds them all.
     */
    public static final int WAL_SENDERS = 10;
    public static final String PASSWORD = "s3cret-pw";

    private final Map<PostgresVersion, PostgresCluster> running = new EnumMap<>(PostgresVersion.class);

    /** The shared cluster of {@code version}, started on first use. */
    public synchronized PostgresCluster get(PostgresVersion version) {
        return running.computeIfAbsent(version, Clusters::startShared);
    }

    /** A physical replication login as the superuser of {@code pg}. */
    public static ConnectionConfig superuser(PostgresCluster pg) {
        return ConnectionConfig.physical(pg.host(), pg.port(), pg.superuser(), pg.password());
    }

    /** Waits until every walsender of {@code pg} has exited, so the next test finds all WAL senders free. */
    public static void awaitNoWalSenders(PostgresCluster pg) {
        Await.until(() -> {
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'walsender'")) {
                rs.next();
                return rs.getInt(1) == 0;
            } catch (SQLException e) {
                throw new IllegalStateException("counting walsenders on " + pg + ": " + e.getMessage(), e);
            }
        }, Duration.ofSeconds(30), "walsenders of " + pg + " to exit");
    }

    private static PostgresCluster startShared(PostgresVersion version) {
        Path dir;
        try {
            dir = Files.createTempDirectory("lanfree-db-" + version.major() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClusterOptions options = ClusterOptions.defaults()
                .dataChecksums(true)
                .setting("max_wal_senders", Integer.toString(WAL_SENDERS))
                .hbaLine("host replication repl_trust 127.0.0.1/32 trust")
                .hbaLine("host replication repl_md5 127.0.0.1/32 md5")
                .hbaLine("host replication hba_rejected 127.0.0.1/32 reject");
        PostgresCluster pg = PostgresCluster.start(version, dir.resolve("shared"), options);
        dir.toFile().deleteOnExit(); // empty once close() has removed the cluster's folder
        pg.execute(
                "CREATE ROLE repl_trust LOGIN REPLICATION",
                "CREATE ROLE repl_scram LOGIN REPLICATION PASSWORD '" + PASSWORD + "'",
                "CREATE ROLE no_repl LOGIN PASSWORD '" + PASSWORD + "'",
                "CREATE ROLE hba_rejected LOGIN REPLICATION PASSWORD '" + PASSWORD + "'",
                "SET password_encryption = 'md5'",
                "CREATE ROLE repl_md5 LOGIN REPLICATION PASSWORD '" + PASSWORD + "'");
        return pg;
    }

    @Override
    public synchronized void close() {
        running.values().forEach(PostgresCluster::close);
        running.clear();
    }

    /** Resolves {@code Clusters} parameters to the run-wide instance. */
    public static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == Clusters.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return c.getRoot().getStore(ExtensionContext.Namespace.create(Clusters.class))
                    .getOrComputeIfAbsent(Clusters.class, k -> new Clusters(), Clusters.class);
        }
    }
}
