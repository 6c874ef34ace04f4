package org.lanfree.cli.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.cli.Cli;
import org.lanfree.cli.media.TestDeployment;

import com.fasterxml.jackson.databind.JsonNode;

/** Every tape command end to end through 'up'; the catalog (read through its server as 'reader') follows each move. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TapeCommandsTest {

    private TestDeployment deployment;

    @BeforeAll
    void up() {
        deployment = TestDeployment.up("tape");
    }

    @AfterAll
    void down() {
        deployment.close();
    }

    @Test
    void statusShowsDrivesSlotsTheImportExportSlotAndEveryCartridge() {
        Cli.Result r = deployment.run("tape", "status", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode status = r.json();
        assertEquals(2, status.get("drives").size(), status.toString());
        assertEquals(21, status.get("slots").size(), status.toString());
        assertEquals("ie", status.get("slots").get(20).get("kind").asText());
        assertTrue(status.get("cartridges").size() >= 10, status.toString());
        assertTrue(status.get("mountRequests").isEmpty(), status.toString());

        Cli.Result text = deployment.run("tape", "status");
        assertTrue(text.out().contains("ie 21"), text.toString());
        assertTrue(text.out().contains("no pending mount requests"), text.toString());
    }

    @Test
    void loadAndUnloadMoveTheCartridgeAndTheCatalogFollows() throws Exception {
        Cli.Result load = deployment.run("tape", "load", "LF0002L8", "--drive", "1");
        assertEquals(0, load.exitCode(), load + deployment.log("media-server"));
        assertEquals("LF0002L8: loaded, now in drive 1\n", load.out());
        assertEquals(List.of("drive 1"), deployment.query("SELECT location FROM v_tapes WHERE barcode = 'LF0002L8'"));
        assertEquals(List.of("LF0002L8"), deployment.query("SELECT barcode FROM drives WHERE drive_no = 1"));

        Cli.Result unload = deployment.run("tape", "unload", "--drive", "1", "--json");
        assertEquals(0, unload.exitCode(), unload.toString());
        assertEquals("slot 2", unload.json().get("location").asText());
        assertEquals(List.of("slot 2"), deployment.query("SELECT location FROM v_tapes WHERE barcode = 'LF0002L8'"));
    }

    @Test
    void labelPutsTheCartridgeIntoAPoolInTheLibraryAndTheCatalog() throws Exception {
        Cli.Result label = deployment.run("tape", "label", "LF0003L8", "--pool", "daily");
        assertEquals(0, label.exitCode(), label.toString());
        assertEquals(List.of("daily filling"),
                deployment.query("SELECT pool || ' ' || state FROM v_tapes WHERE barcode = 'LF0003L8'"));
        assertEquals(List.of("tape"), deployment.query("SELECT kind FROM pools WHERE name = 'daily'"));
        JsonNode tapes = deployment.run("list", "tapes", "--json").json();
        for (JsonNode t : tapes) {
            if (t.get("barcode").asText().equals("LF0003L8")) {
                assertEquals("daily", t.get("pool").asText(), t.toString());
            }
        }
        assertEquals(0, deployment.run("tape", "label", "LF0003L8", "--pool", "scratch").exitCode());
        assertEquals(List.of("scratch scratch"),
                deployment.query("SELECT pool || ' ' || state FROM v_tapes WHERE barcode = 'LF0003L8'"));
    }

    @Test
    void exportAndImportPassThroughTheImportExportSlotAndTheShelf() throws Exception {
        Cli.Result export = deployment.run("tape", "export", "LF0004L8");
        assertEquals(0, export.exitCode(), export.toString());
        assertEquals("LF0004L8: exported, now in ie 21\n", export.out());
        assertEquals(List.of("ie 21"), deployment.query("SELECT location FROM v_tapes WHERE barcode = 'LF0004L8'"));

        Cli.Result back = deployment.run("tape", "import", "LF0004L8");
        assertEquals(0, back.exitCode(), back.toString());
        assertEquals(List.of("slot 4"), deployment.query("SELECT location FROM v_tapes WHERE barcode = 'LF0004L8'"));

        assertEquals(0, deployment.run("tape", "export", "LF0004L8", "--remove").exitCode());
        assertEquals(List.of("outside"), deployment.query("SELECT location FROM v_tapes WHERE barcode = 'LF0004L8'"));
        Cli.Result fromShelf = deployment.run("tape", "import", "LF0004L8", "--json");
        assertEquals(0, fromShelf.exitCode(), fromShelf.toString());
        assertEquals("slot 4", fromShelf.json().get("location").asText());
    }

    @Test
    void importOfABarcodeTheLibraryNeverHeldAddsABlankScratchCartridge() throws Exception {
        Cli.Result r = deployment.run("tape", "import", "LF0051L8");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("scratch scratch"),
                deployment.query("SELECT pool || ' ' || state FROM v_tapes WHERE barcode = 'LF0051L8'"));
        assertTrue(deployment.query("SELECT location FROM v_tapes WHERE barcode = 'LF0051L8'").getFirst()
                .startsWith("slot "));
    }
}
