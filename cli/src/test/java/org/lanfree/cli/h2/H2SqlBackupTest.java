package org.lanfree.cli.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lanfree.cli.h2.H2Databases.assertContains;
import static org.lanfree.cli.h2.H2Databases.execute;
import static org.lanfree.cli.h2.H2Databases.rows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.cli.Cli;
import org.lanfree.cli.media.TestDeployment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code CALL LANFREE_BACKUP('full')} in an embedded H2 database, against a real deployment
 * (array and media server as processes): the backup goes through the array to tape, and
 * {@code restore h2} brings back a database H2 opens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2SqlBackupTest {

    private TestDeployment deployment;

    @TempDir
    Path dir;

    @BeforeAll
    void up() {
        deployment = TestDeployment.up("h2sql");
    }

    @AfterAll
    void down() {
        deployment.close();
    }

    @Test
    void aBackupCalledWhileWritersCommitRestoresAGapFreePrefixWithEveryRowCommittedBeforeTheCall() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("live/app");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            H2Databases.install(c, deployment.file(""));
            H2Databases.fill(c, 24);
            long before;
            long during;
            long backupId;
            try (NumberedWriter writer = new NumberedWriter(url).awaitRows(500)) {
                before = writer.committed();
                backupId = Long.parseLong(rows(c, "CALL LANFREE_BACKUP('full')").get(0));
                during = writer.committed() - before;
                writer.stop();
                assertEquals(null, writer.failure(), "the writer was never blocked into an error");
            }
            assertTrue(during > 0, "rows were committed while the backup ran");
            assertEquals(List.of("good|" + backupId + "|100"), rows(c,
                    "SELECT STATE || '|' || BACKUP_ID || '|' || PERCENT_DONE FROM LANFREE_JOBS()"));
            assertEquals(List.of("good|h2|app"), deployment.query("SELECT status || '|' || kind || '|' || dataset"
                    + " FROM v_backups WHERE backup_id = " + backupId));

            Path target = dir.resolve("restored/app");
            java.nio.file.Files.createDirectories(target.getParent());
            Cli.Result restore = deployment.run("restore", "h2", "--backup", Long.toString(backupId), "--target",
                    target.toString(), "--json");
            assertEquals(0, restore.exitCode(), restore.toString());
            JsonNode json = restore.json();
            assertTrue(json.get("checked").asBoolean() && json.get("problems").isEmpty(), restore.toString());
            long restored = H2Databases.gapFreePrefix("jdbc:h2:" + target);
            assertTrue(restored >= before, "every row committed before the call is restored: " + restored + " < "
                    + before);
        }
    }

    @Test
    void schemasLobsSequencesViewsConstraintsAndIndexesRoundTripExactly() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("rich/shop");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            for (String sql : List.of(
                    "CREATE SCHEMA SALES", "CREATE SCHEMA STOCK",
                    "CREATE SEQUENCE SALES.ORDER_NO START WITH 1000 INCREMENT BY 7",
                    "CREATE TABLE STOCK.ITEM(ID INT PRIMARY KEY, NAME VARCHAR(100) NOT NULL UNIQUE,"
                            + " PRICE DECIMAL(10, 2) CHECK (PRICE >= 0), PHOTO BLOB, MANUAL CLOB)",
                    "CREATE INDEX ITEM_PRICE ON STOCK.ITEM(PRICE DESC, NAME)",
                    "CREATE TABLE SALES.ORDERS(NO BIGINT DEFAULT NEXT VALUE FOR SALES.ORDER_NO PRIMARY KEY,"
                            + " ITEM INT NOT NULL REFERENCES STOCK.ITEM(ID) ON DELETE CASCADE, QTY INT CHECK (QTY > 0),"
                            + " PLACED TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP)",
                    "CREATE UNIQUE INDEX ORDER_ITEM ON SALES.ORDERS(ITEM, NO)",
                    "CREATE VIEW SALES.REVENUE AS SELECT I.NAME, SUM(O.QTY * I.PRICE) AS TOTAL FROM SALES.ORDERS O"
                            + " JOIN STOCK.ITEM I ON I.ID = O.ITEM GROUP BY I.NAME")) {
                execute(c, sql);
            }
            byte[] photo = new byte[12 << 20];
            new java.util.Random(3).nextBytes(photo);
            String manual = "lanfree ".repeat(11 << 17); // 11 MiB of characters
            try (var p = c.prepareStatement("INSERT INTO STOCK.ITEM VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    p.setInt(1, i);
                    p.setString(2, "item " + i);
                    p.setBigDecimal(3, new java.math.BigDecimal(i + ".25"));
                    p.setBytes(4, i == 1 ? photo : new byte[] {(byte) i});
                    p.setString(5, i == 2 ? manual : "short " + i);
                    p.executeUpdate();
                }
            }
            execute(c, "INSERT INTO SALES.ORDERS(ITEM, QTY) SELECT MOD(X, 3) + 1, X FROM SYSTEM_RANGE(1, 5000)");

            Cli.Result backup = deployment.run("backup", "h2", "--url", url, "--json");
            assertEquals(0, backup.exitCode(), backup.toString());
            long backupId = backup.json().get("backupId").asLong();
            assertEquals("embedded", backup.json().get("mode").asText());

            Path target = dir.resolve("rich-restored/shop");
            java.nio.file.Files.createDirectories(target.getParent());
            Cli.Result restore = deployment.run("restore", "h2", "--backup", Long.toString(backupId), "--target",
                    target.toString());
            assertEquals(0, restore.exitCode(), restore.toString());
            assertContains(restore.out(), "H2 opens it: 2 tables, 5003 rows read");
            H2Databases.assertSameScript(H2Databases.script(url), H2Databases.script("jdbc:h2:" + target));
            try (Connection r = DriverManager.getConnection("jdbc:h2:" + target, "sa", "")) {
                assertEquals(rows(c, "VALUES NEXT VALUE FOR SALES.ORDER_NO"),
                        rows(r, "VALUES NEXT VALUE FOR SALES.ORDER_NO"), "the sequence goes on where it was");
                SQLException fk = assertThrows(SQLException.class,
                        () -> execute(r, "INSERT INTO SALES.ORDERS(ITEM, QTY) VALUES (99, 1)"));
                assertContains(fk.getMessage(), "Referential integrity");
                try (Statement s = r.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT PHOTO, MANUAL FROM STOCK.ITEM WHERE ID = 1 OR ID = 2 ORDER BY ID")) {
                    rs.next();
                    assertTrue(java.util.Arrays.equals(photo, rs.getBytes(1)), "the 12 MiB BLOB is intact");
                    rs.next();
                    assertEquals(manual, rs.getString(2), "the 11 MiB CLOB is intact");
                }
            }
        }
    }

    @Test
    void anUnreachableMediaServerFailsTheCallInSecondsAndTheDatabaseGoesOn() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("unreachable/app");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            H2Databases.install(c, deployment.file(""));
            Path conf = deployment.file("h2-plugin-wrong-port.conf");
            int closed = org.lanfree.testkit.FreePorts.single();
            java.nio.file.Files.writeString(conf, java.nio.file.Files.readString(deployment.file("h2-plugin.conf"))
                    .replaceAll("media-server = .*", "media-server = 127.0.0.1:" + closed));
            rows(c, "CALL LANFREE_CONFIGURE('" + conf + "')");
            try (NumberedWriter writer = new NumberedWriter(url).awaitRows(100)) {
                long t0 = System.nanoTime();
                SQLException e = assertThrows(SQLException.class, () -> rows(c, "CALL LANFREE_BACKUP('full')"));
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertTrue(seconds < 10, "the call failed after " + seconds + " s");
                assertContains(e.getMessage(), "the media server at 127.0.0.1:" + closed + " cannot be reached");
                assertContains(e.getMessage(), "HINT");
                long after = writer.committed();
                writer.awaitRows(after + 100);
            }
            assertEquals(List.of("failed"), rows(c, "SELECT STATE FROM LANFREE_JOBS()"));
            H2Databases.gapFreePrefix(url);
        }
    }

    @Test
    void aStgGroupOtherThanTheConfiguredOneFailsTheCallSayingWhatToSet() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("group/app");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            H2Databases.install(c, deployment.file(""));
            Path conf = deployment.file("h2-plugin-group.conf");
            java.nio.file.Files.writeString(conf, java.nio.file.Files.readString(deployment.file("h2-plugin.conf"))
                    .replaceAll("stg.group = .*", "stg.group = 2"));
            rows(c, "CALL LANFREE_CONFIGURE('" + conf + "')");
            SQLException e = assertThrows(SQLException.class, () -> rows(c, "CALL LANFREE_BACKUP('full')"));
            assertContains(e.getMessage(), "the media server granted STG group 1 but the plugin's configuration says"
                    + " stg.group = 2");
            assertEquals(List.of("failed"), rows(c, "SELECT STATE FROM LANFREE_JOBS()"));
        }
    }

    @Test
    void aDatabaseClosedDuringTheBackupFailsItAndItIsNeverListedGood() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("closing/gone");
        Connection c = DriverManager.getConnection(url, "sa", "");
        H2Databases.install(c, deployment.file(""));
        // deflate at level 9 on incompressible rows: slow enough to be caught in the middle
        Path conf = deployment.file("h2-plugin-slow.conf");
        java.nio.file.Files.writeString(conf, java.nio.file.Files.readString(deployment.file("h2-plugin.conf"))
                + "zip.level = 9\ndataset = closing\n");
        rows(c, "CALL LANFREE_CONFIGURE('" + conf + "')");
        H2Databases.fill(c, 160);
        Thread call = new Thread(() -> {
            try {
                rows(c, "CALL LANFREE_BACKUP('full')");
            } catch (SQLException expected) {
                // the database went away under the call
            }
        });
        try (Connection watcher = DriverManager.getConnection(url, "sa", "")) {
            call.start();
            org.lanfree.testkit.Await.until((java.util.concurrent.Callable<Boolean>) () -> !rows(watcher, "SELECT 1 FROM LANFREE.JOBS WHERE BYTES_READ > 0")
                    .isEmpty(), java.time.Duration.ofSeconds(60), "the backup copying");
            execute(watcher, "SHUTDOWN IMMEDIATELY");
        } catch (SQLException closed) {
            // SHUTDOWN IMMEDIATELY closes its own connection too
        }
        call.join(60_000);
        org.lanfree.testkit.Await.until((java.util.concurrent.Callable<Boolean>) () -> deployment.query("SELECT status FROM v_backups WHERE dataset = 'closing'")
                .equals(List.of("failed")), java.time.Duration.ofSeconds(30), "the backup recorded failed");
        try (Connection again = DriverManager.getConnection(url, "sa", "")) {
            assertEquals(List.of("160"), rows(again, "SELECT COUNT(*) FROM FILLER"), "the database itself is fine");
        }
    }

    @Test
    void aBackupCanceledFromAnotherSessionEndsAtOnceAndIsNeverListedGood() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("cancel/app");
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Connection dba = DriverManager.getConnection(url, "sa", "")) {
            H2Databases.install(c, deployment.file(""));
            Path conf = deployment.file("h2-plugin-cancel.conf");
            java.nio.file.Files.writeString(conf, java.nio.file.Files.readString(deployment.file("h2-plugin.conf"))
                    + "zip.level = 9\ndataset = canceled\n");
            rows(c, "CALL LANFREE_CONFIGURE('" + conf + "')");
            H2Databases.fill(c, 64);
            String session = rows(c, "CALL SESSION_ID()").get(0);
            java.util.concurrent.CompletableFuture<SQLException> call = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            rows(c, "CALL LANFREE_BACKUP('full')");
                            return null;
                        } catch (SQLException e) {
                            return e;
                        }
                    });
            org.lanfree.testkit.Await.until((java.util.concurrent.Callable<Boolean>) () -> !rows(dba,
                    "SELECT 1 FROM LANFREE.JOBS WHERE STATE = 'running'").isEmpty(), java.time.Duration.ofSeconds(60),
                    "the backup running");
            assertEquals(List.of("TRUE"), rows(dba, "CALL CANCEL_SESSION(" + session + ")"), "the call was running");
            SQLException e = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(e != null, "the canceled call failed");
            assertContains(e.getMessage(), "the backup was canceled");
            assertEquals(List.of("failed"), rows(dba, "SELECT STATE FROM LANFREE_JOBS()"));
            org.lanfree.testkit.Await.until((java.util.concurrent.Callable<Boolean>) () -> deployment.query(
                    "SELECT status FROM v_backups WHERE dataset = 'canceled'").equals(List.of("failed")),
                    java.time.Duration.ofSeconds(30), "the backup recorded failed");
            assertEquals(List.of("64"), rows(c, "SELECT COUNT(*) FROM FILLER"), "the session goes on");
        }
    }

    @Test
    void restoreOntoAnExistingFileIsRefusedUnlessForced() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("twice/app");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            execute(c, "CREATE TABLE T(ID INT PRIMARY KEY)");
            execute(c, "INSERT INTO T VALUES (1)");
        }
        Cli.Result backup = deployment.run("backup", "h2", "--url", url, "--json");
        assertEquals(0, backup.exitCode(), backup.toString());
        String id = backup.json().get("backupId").asText();
        Path target = dir.resolve("twice/copy");
        assertEquals(0, deployment.run("restore", "h2", "--backup", id, "--target", target.toString()).exitCode());
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + target, "sa", "")) {
            execute(c, "INSERT INTO T VALUES (2)");
        }
        Cli.Result refused = deployment.run("restore", "h2", "--backup", id, "--target", target + ".mv.db");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertContains(refused.err(), "exists; a restore does not overwrite a database");
        assertContains(refused.err(), "--force");
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + target, "sa", "")) {
            assertEquals(List.of("2"), rows(c, "SELECT COUNT(*) FROM T"), "the refused restore changed nothing");
            Cli.Result open = deployment.run("restore", "h2", "--backup", id, "--target", target.toString(), "--force");
            assertEquals(1, open.exitCode(), open.toString());
            assertContains(open.err(), "is open in a running database");
        }

        Cli.Result forced = deployment.run("restore", "h2", "--backup", id, "--target", target.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.toString());
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + target, "sa", "")) {
            assertEquals(List.of("1"), rows(c, "SELECT COUNT(*) FROM T"));
        }
    }
}
