package org.lanfree.db.pg.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lanfree.db.pg.testing.Clusters;
import org.lanfree.testkit.Await;
import org.lanfree.testkit.postgres.PostgresCluster;
import org.lanfree.testkit.postgres.PostgresVersion;

/** Logins and refusals of our replication-protocol client against real servers. */
@ExtendWith(Clusters.Extension.class)
class ReplicationConnectionTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V16", "V17", "V18"})
    void logsInWithTrustMd5AndScramAndIdentifiesTheSystem(PostgresVersion version, Clusters clusters) {
        PostgresCluster pg = clusters.get(version);
        for (String[] login : new String[][] {{"repl_trust", null}, {"repl_md5", Clusters.PASSWORD},
                {"repl_scram", Clusters.PASSWORD}}) {
            try (ReplicationConnection c = ReplicationConnection.open(Clusters.superuser(pg).withUser(login[0], login[1]))) {
                assertEquals(version.major(), c.serverMajor(), login[0] + ": server_version " + c.serverVersion());
                QueryResult id = c.queryOne("IDENTIFY_SYSTEM");
                assertTrue(id.value("systemid").matches("\\d{10,}"), login[0] + ": systemid " + id.value("systemid"));
                assertEquals("1", id.value("timeline"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V18"})
    void aDatabaseWalSenderAnswersSqlAndItsNoticesAreKept(PostgresVersion version, Clusters clusters) {
        PostgresCluster pg = clusters.get(version);
        try (ReplicationConnection c = ReplicationConnection.open(Clusters.superuser(pg).withMode(ReplicationMode.DATABASE))) {
            assertEquals("postgres", c.queryOne("IDENTIFY_SYSTEM").value("dbname"));
            assertEquals("42", c.queryOne("SELECT 40 + 2 AS answer").value("answer"));
            c.query("DO $$ BEGIN RAISE NOTICE 'tape % is full', 'LF0001L8'; END $$");
            ServerNotice notice = c.notices().get(c.notices().size() - 1);
            assertEquals("NOTICE", notice.severity());
            assertEquals("00000", notice.sqlState());
            assertEquals("tape LF0001L8 is full", notice.message());
        }
        try (ReplicationConnection c = ReplicationConnection.open(Clusters.superuser(pg))) {
            assertEquals(null, c.queryOne("IDENTIFY_SYSTEM").value("dbname"), "a physical walsender has no database");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V18"})
    void wrongPasswordIsRefusedWithTheServersSqlState(PostgresVersion version, Clusters clusters) {
        PostgresCluster pg = clusters.get(version);
        for (String role : new String[] {"repl_md5", "repl_scram"}) {
            PgServerException e = assertThrows(PgServerException.class,
                    () -> ReplicationConnection.open(Clusters.superuser(pg).withUser(role, "wrong")).close());
            assertEquals("28P01", e.sqlState(), e.getMessage());
            assertTrue(e.getMessage().contains("password authentication failed for user \"" + role + "\""), e.getMessage());
            assertTrue(e.getMessage().contains("HINT: check the password"), e.getMessage());
            assertFalse(e.retryable());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V17"})
    void roleWithoutReplicationAttributeIsToldToGetIt(PostgresVersion version, Clusters clusters) {
        PostgresCluster pg = clusters.get(version);
        PgServerException e = assertThrows(PgServerException.class,
                () -> ReplicationConnection.open(Clusters.superuser(pg).withUser("no_repl", Clusters.PASSWORD)).close());
        assertEquals("42501", e.sqlState(), e.getMessage());
        assertTrue(e.getMessage().contains("ALTER ROLE <role> REPLICATION"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V18"})
    void pgHbaRejectionNamesTheLineToAdd(PostgresVersion version, Clusters clusters) {
        PostgresCluster pg = clusters.get(version);
        PgServerException e = assertThrows(PgServerException.class,
                () -> ReplicationConnection.open(Clusters.superuser(pg).withUser("hba_rejected", Clusters.PASSWORD)).close());
        assertEquals("28000", e.sqlState(), e.getMessage());
        assertTrue(e.getMessage().contains("pg_hba.conf rejects replication connection"), e.getMessage());
        assertTrue(e.getMessage().contains("host replication <role>"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V17"})
    void noFreeWalSenderNamesMaxWalSenders(PostgresVersion version, Clusters clusters) {
        PostgresCluster pg = clusters.get(version);
        List<ReplicationConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < Clusters.WAL_SENDERS; i++) {
                held.add(openWhenFree(Clusters.superuser(pg)));
            }
            PgServerException e = assertThrows(PgServerException.class,
                    () -> ReplicationConnection.open(Clusters.superuser(pg)).close());
            assertEquals("53300", e.sqlState(), e.getMessage());
            assertTrue(e.getMessage().contains("max_wal_senders"), e.getMessage());
            assertTrue(e.getMessage().contains("HINT: raise max_wal_senders"), e.getMessage());
            assertTrue(e.retryable());
        } finally {
            held.forEach(ReplicationConnection::close);
            Clusters.awaitNoWalSenders(pg);
        }
    }

    /**
     * Opens a session, waiting while walsenders of earlier tests are still exiting: the server
     * frees a WAL sender's slot only at the very end of its process.
     */
    private static ReplicationConnection openWhenFree(ConnectionConfig config) {
        return Await.until(() -> {
            try {
                return ReplicationConnection.open(config);
            } catch (PgServerException e) {
                if (e.sqlState().equals("53300")) {
                    return null;
                }
                throw e;
            }
        }, Duration.ofSeconds(30), "a free WAL sender on " + config);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V18"})
    void aFailedCommandLeavesTheSessionUsable(PostgresVersion version, Clusters clusters) {
        PostgresCluster pg = clusters.get(version);
        try (ReplicationConnection c = ReplicationConnection.open(Clusters.superuser(pg))) {
            PgServerException e = assertThrows(PgServerException.class, () -> c.query("DROP_REPLICATION_SLOT no_such_slot"));
            assertEquals("42704", e.sqlState(), e.getMessage());
            assertEquals("1", c.queryOne("IDENTIFY_SYSTEM").value("timeline"));
        }
    }
}
