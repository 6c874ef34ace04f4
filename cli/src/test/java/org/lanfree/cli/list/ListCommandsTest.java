package org.lanfree.cli.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.cli.Cli;
import org.lanfree.cli.arraysim.ArraySimDaemon;
import org.lanfree.cli.deploy.Home;
import org.lanfree.cli.media.MediaServerDaemon;
import org.lanfree.cli.report.OperatorScenario;
import org.lanfree.testkit.TempHome;

import com.fasterxml.jackson.databind.JsonNode;

/** list backups and list files end to end through 'up', on backups written to real cartridges. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListCommandsTest {

    private static final Set<String> STABLE = Set.of("id", "client", "kind", "level", "status", "bytes", "started", "ended");

    private OperatorScenario s;

    @BeforeAll
    void seed() throws Exception {
        s = OperatorScenario.seed("list");
    }

    @AfterAll
    void down() throws Exception {
        s.deployment.close();
    }

    @Test
    void listBackupsJsonHasTheStableFieldsForEveryBackup() {
        JsonNode all = run(0, "list", "backups", "--json").json();
        assertEquals(6, all.size(), all.toString());
        for (JsonNode b : all) {
            List<String> names = new ArrayList<>();
            b.fieldNames().forEachRemaining(names::add);
            assertTrue(names.containsAll(STABLE), names.toString());
        }
        JsonNode full = all.get(1);
        assertEquals(s.full.id(), full.get("id").asLong());
        assertEquals("web1 fs full good 600000", full.get("client").asText() + " " + full.get("kind").asText() + " "
                + full.get("level").asText() + " " + full.get("status").asText() + " " + full.get("bytes").asLong());
        assertTrue(full.get("started").asText().endsWith("Z") && full.get("ended").asText().endsWith("Z"), full.toString());
        assertEquals("incremental", all.get(2).get("level").asText());
        assertEquals("pg", all.get(3).get("kind").asText(), "oldest first: db1's full started before web1's latest");
    }

    @Test
    void listBackupsFiltersByClientSinceAndStatus() {
        assertEquals(List.of(s.dbFull.id(), s.dbFailed), ids("--client", "db1"));
        assertEquals(List.of(s.dbFull.id(), s.latest.id(), s.dbFailed), ids("--since", "5d"));
        assertEquals(List.of(s.dbFailed), ids("--status", "failed"));
        assertEquals(List.of(s.dbFull.id()), ids("--client", "db1", "--status", "good,warnings"));
        assertEquals(List.of(), ids("--since", "2099-01-01"));
        Cli.Result table = run(0, "list", "backups", "--client", "web1");
        assertTrue(table.out().startsWith("ID") && table.out().contains("incremental"), table.toString());
    }

    @Test
    void aBadSinceOrStatusIsBadUsageSayingWhatIsExpected() {
        Cli.Result since = run(2, "list", "backups", "--since", "last tuesday");
        assertTrue(since.err().contains("expected an age such as 30m, 12h, 7d"), since.toString());
        Cli.Result status = run(2, "list", "backups", "--status", "fine");
        assertTrue(status.err().contains("expected one of running, good, warnings, failed, damaged, expired"),
                status.toString());
    }

    @Test
    void listFilesShowsTheTreeAtAnIncrementalUnderAPathPrefix() {
        JsonNode files = run(0, "list", "files", "--backup", Long.toString(s.incremental.id()), "--path", "/srv/docs",
                "--json").json();
        List<String> rows = new ArrayList<>();
        files.forEach(f -> rows.add(f.get("path").asText() + " " + f.get("type").asText() + " " + f.get("size").asLong()
                + " from " + f.get("backupId").asLong()));
        assertEquals(List.of("/srv/docs d 0 from " + s.full.id(), "/srv/docs/latest l 6 from " + s.full.id(),
                "/srv/docs/readme f 30 from " + s.incremental.id()), rows);
        JsonNode changes = run(0, "list", "files", "--backup", Long.toString(s.incremental.id()), "--changes-only",
                "--json").json();
        assertEquals(2, changes.size(), changes.toString());
        Cli.Result table = run(0, "list", "files", "--backup", Long.toString(s.full.id()), "--path", "/srv/docs");
        assertTrue(table.out().contains("/srv/docs/latest -> readme"), table.toString());
    }

    @Test
    void aNameThatIsNotUtf8IsEscapedInTheTableAndExactInBase64() {
        Cli.Result table = run(0, "list", "files", "--backup", Long.toString(s.full.id()));
        assertTrue(table.out().contains("/srv/caf\\xe9"), table.toString());
        JsonNode name = null;
        for (JsonNode f : run(0, "list", "files", "--backup", Long.toString(s.full.id()), "--json").json()) {
            if (!f.get("validUtf8").asBoolean()) {
                name = f;
            }
        }
        assertEquals("/srv/caf\\xe9", name.get("path").asText());
        assertEquals(Base64.getEncoder().encodeToString(OperatorScenario.LATIN1_NAME), name.get("pathBase64").asText());
    }

    @Test
    void listFilesRefusesAnUnknownBackupAndADatabaseBackup() {
        Cli.Result unknown = run(1, "list", "files", "--backup", "4242");
        assertTrue(unknown.err().contains("backup 4242 does not exist") && unknown.err().contains("HINT"),
                unknown.toString());
        Cli.Result pg = run(1, "list", "files", "--backup", Long.toString(s.dbFull.id()));
        assertTrue(pg.err().contains("is a pg backup"), pg.toString());
    }

    @Test
    void aWrongAdminSecretIsRefusedWithAClearError() throws Exception {
        Path secret = s.deployment.deployment().file(MediaServerDaemon.ADMIN_SECRET);
        byte[] right = Files.readAllBytes(secret);
        try {
            Files.write(secret, "a secret of the wrong deployment".getBytes());
            Cli.Result r = run(1, "list", "backups");
            assertTrue(r.err().contains("AUTH_FAILED") && r.err().contains("HINT"), r.toString());
        } finally {
            Files.write(secret, right);
        }
    }

    @Test
    void aMediaServerThatIsNotRunningIsReportedWithAHint() throws Exception {
        try (TempHome home = TempHome.create("nods")) {
            new ArraySimDaemon().writeDefaultConfig(Home.of(home.dir()));
            new MediaServerDaemon().writeDefaultConfig(Home.of(home.dir()));
            Cli.Result r = Cli.run("list", "backups", "--home", home.toString());
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.err().contains("does not answer") && r.err().contains("lanfree up"), r.toString());
        }
    }

    private List<Long> ids(String... filters) {
        List<String> args = new ArrayList<>(List.of("list", "backups", "--json"));
        args.addAll(List.of(filters));
        List<Long> ids = new ArrayList<>();
        run(0, args.toArray(String[]::new)).json().forEach(b -> ids.add(b.get("id").asLong()));
        return ids;
    }

    private Cli.Result run(int expected, String... args) {
        Cli.Result r = s.deployment.run(args);
        assertEquals(expected, r.exitCode(), r.toString());
        return r;
    }
}
