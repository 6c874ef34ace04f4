package org.lanfree.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.lanfree.cli.Cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * report, crosscheck and delete obsolete end to end through 'up', on backups written to real
 * cartridges; the tests run in order, each building on what the one before changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorCommandsTest {

    private OperatorScenario s;

    @BeforeAll
    void seed() throws Exception {
        s = OperatorScenario.seed("ops");
    }

    @AfterAll
    void down() throws Exception {
        s.deployment.close();
    }

    @Test
    @Order(1)
    void needBackupNamesOverdueAndNeverBackedUpDatasetsWithTheReason() {
        Cli.Result r = run(0, "report", "need-backup", "--json");
        List<String> rows = new ArrayList<>();
        r.json().forEach(d -> rows.add(d.get("client").asText() + ":" + d.get("dataset").asText() + " "
                + d.get("levelDue").asText() + " " + d.get("reason").asText()));
        assertEquals(List.of("app1:app full never backed up", "db1:main incremental backup overdue"), rows, r.toString());
        assertTrue(run(0, "report", "need-backup").out().contains("never backed up"));
    }

    @Test
    @Order(2)
    void reportObsoleteListsTheOldFullAloneAndTheCartridgeItWouldFree() {
        JsonNode r = run(0, "report", "obsolete", "--json").json();
        assertEquals(List.of(s.oldFull.id()), ids(r.get("backups")), r.toString());
        assertEquals("LF0001L8", r.get("cartridges").get(0).asText(), r.toString());
        assertEquals(1, r.get("cartridges").size(), r.toString());
    }

    @Test
    @Order(3)
    void deleteObsoleteDryRunChangesNothing() {
        JsonNode r = run(0, "delete", "obsolete", "--dry-run", "--json").json();
        assertTrue(r.get("dryRun").asBoolean());
        assertEquals(List.of(s.oldFull.id()), ids(r.get("backups")), r.toString());
        assertEquals("good", status(s.oldFull.id()));
        assertTrue(run(0, "delete", "obsolete", "--dry-run").out().contains("that would expire"));
    }

    @Test
    @Order(4)
    void crosscheckReadsEveryGoodBackupBackAndExitsZero() {
        Cli.Result r = run(0, "crosscheck", "--json");
        JsonNode c = r.json();
        assertEquals(5, c.get("ok").asInt(), r.toString());
        assertEquals(0, c.get("damaged").asInt() + c.get("missing").asInt(), r.toString());
        assertTrue(run(0, "crosscheck", "--backup", Long.toString(s.full.id())).out().contains("): OK"));
    }

    @Test
    @Order(5)
    void crosscheckFindsAFlippedByteNamesBarcodeAndBlockAndMarksTheBackupDamaged() throws Exception {
        s.deployment.flipByte("LF0003L8", s.dbFull.payloadOffset() + s.dbFull.blockSize() + 17);
        Cli.Result r = run(1, "crosscheck");
        assertTrue(r.out().contains("backup " + s.dbFull.id() + " (db1:main): DAMAGED (LF0003L8, block "), r.toString());
        JsonNode row = find(run(1, "crosscheck", "--backup", Long.toString(s.dbFull.id()), "--json").json()
                .get("backups"), s.dbFull.id());
        assertEquals("damaged", row.get("result").asText(), row.toString());
        assertEquals("LF0003L8", row.get("barcode").asText(), row.toString());
        assertEquals("damaged", status(s.dbFull.id()));
        JsonNode listed = find(run(0, "list", "backups", "--status", "damaged", "--json").json(), s.dbFull.id());
        assertTrue(listed.get("note").asText().contains("LF0003L8 block " + row.get("block").asText()), listed.toString());
    }

    @Test
    @Order(6)
    void deleteObsoleteExpiresOnlyTheOldFullAndReturnsItsCartridgeToScratch() throws Exception {
        Cli.Result r = run(0, "delete", "obsolete", "--json");
        JsonNode d = r.json();
        assertEquals(List.of(s.oldFull.id()), ids(d.get("backups")), r.toString());
        assertEquals("LF0001L8", d.get("cartridges").get(0).asText(), r.toString());
        assertEquals("expired", status(s.oldFull.id()));
        assertEquals("good", status(s.full.id()), "a full with live incrementals survives");
        assertEquals("good", status(s.incremental.id()));
        assertEquals(List.of("scratch scratch 0"), s.deployment.deployment().query(
                "SELECT pool || ' ' || state || ' ' || tape_files FROM v_tapes WHERE barcode = 'LF0001L8'"));
        for (JsonNode t : run(0, "tape", "status", "--json").json().get("cartridges")) {
            if (t.get("barcode").asText().equals("LF0001L8")) {
                assertEquals("scratch", t.get("pool").asText(), t.toString());
            }
        }
        Cli.Result again = run(0, "delete", "obsolete");
        assertTrue(again.out().contains("no backups expired"), again.toString());
    }

    @Test
    @Order(7)
    void crosscheckReportsBackupsOnACartridgeOutsideTheLibraryAsMissing() {
        run(0, "tape", "export", "LF0002L8", "--remove");
        Cli.Result r = run(1, "crosscheck", "--json");
        JsonNode row = find(r.json().get("backups"), s.full.id());
        assertEquals("missing", row.get("result").asText(), row.toString());
        assertEquals("LF0002L8", row.get("missingBarcodes").get(0).asText(), row.toString());
        assertEquals(3, r.json().get("missing").asInt(), r.toString());
        assertEquals("good", status(s.full.id()), "a missing cartridge leaves the status alone");
        assertTrue(run(1, "crosscheck", "--backup", Long.toString(s.latest.id())).out().contains("MISSING (LF0002L8)"));
    }

    @Test
    @Order(8)
    void crosscheckOfAnUnknownBackupFailsClearly() {
        Cli.Result r = run(1, "crosscheck", "--backup", "999");
        assertTrue(r.err().contains("backup 999 does not exist") && r.err().contains("HINT"), r.toString());
    }

    private Cli.Result run(int expected, String... args) {
        Cli.Result r = s.deployment.run(args);
        assertEquals(expected, r.exitCode(), r + s.deployment.deployment().log("media-server"));
        return r;
    }

    private String status(long id) {
        return find(run(0, "list", "backups", "--json").json(), id).get("status").asText();
    }

    private static JsonNode find(JsonNode rows, long id) {
        for (JsonNode row : rows) {
            if (row.get("id").asLong() == id) {
                return row;
            }
        }
        throw new AssertionError("no backup " + id + " in " + rows);
    }

    private static List<Long> ids(JsonNode rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }
}
