package org.lanfree.cli.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lanfree.cli.h2.H2Databases.assertContains;
import static org.lanfree.cli.h2.H2Databases.execute;
import static org.lanfree.cli.h2.H2Databases.rows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.cli.Cli;
import org.lanfree.cli.media.TestDeployment;

/**
 * The plugin inside an H2 server's own JVM (Java 17, one jar beside H2's), driven through the
 * server's TCP port: from SQL and from {@code lanfree backup h2 --url jdbc:h2:tcp://...}.
 */
class H2ServerModeTest {

    @TempDir
    Path dir;

    @Test
    void aServerBacksUpItsDatabaseFromSqlAndFromTheCommandLineWhileClientsWrite() throws Exception {
        try (TestDeployment deployment = TestDeployment.up("h2srv");
             H2ServerProcess server = H2ServerProcess.start(dir, H2Databases.writeConfig(deployment.file("")))) {
            String url = server.url("app");
            long backupId;
            long before;
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                execute(c, "RUNSCRIPT FROM 'classpath:/org/lanfree/h2plugin/install.sql'");
                H2Databases.fill(c, 16);
                try (NumberedWriter writer = new NumberedWriter(url).awaitRows(300)) {
                    before = writer.committed();
                    backupId = Long.parseLong(rows(c, "CALL LANFREE_BACKUP('full')").get(0));
                    assertTrue(writer.committed() > before, "the TCP client kept committing during the backup");
                }
                assertEquals(List.of("good"), rows(c, "SELECT STATE FROM LANFREE_JOBS() WHERE BACKUP_ID = "
                        + backupId));
            }
            assertEquals(List.of("good|h2|app"), deployment.query("SELECT status || '|' || kind || '|' || dataset"
                    + " FROM v_backups WHERE backup_id = " + backupId));

            Cli.Result cli = deployment.run("backup", "h2", "--url", url, "--json");
            assertEquals(0, cli.exitCode(), cli.toString() + "\nH2 server:\n" + server.output());
            assertEquals("server", cli.json().get("mode").asText());
            assertTrue(cli.json().get("backupId").asLong() > backupId);

            Path target = dir.resolve("restored/app");
            Files.createDirectories(target.getParent());
            Cli.Result restore = deployment.run("restore", "h2", "--backup", Long.toString(backupId), "--target",
                    target.toString());
            assertEquals(0, restore.exitCode(), restore.toString());
            assertContains(restore.out(), "H2 opens it");
            long restored = H2Databases.gapFreePrefix("jdbc:h2:" + target);
            assertTrue(restored >= before, "every row committed before the call: " + restored + " < " + before);
            assertTrue(server.java().contains("17") || !Files.exists(Path.of("/usr/lib/jvm/java-17-openjdk-amd64")),
                    "the server ran on Java 17: " + server.java());
        }
    }
}
