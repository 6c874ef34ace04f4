package org.lanfree.cli.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.cli.Cli;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.WireException;
import org.lanfree.media.server.AdminClient;
import org.lanfree.media.server.CatalogLocation;
import org.lanfree.testkit.Await;

import com.fasterxml.jackson.databind.JsonNode;

/** The media server in a deployment: status, the admin secret, list, and the sql shell as the read-only reader. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaServerDeploymentTest {

    private TestDeployment deployment;

    @BeforeAll
    void up() {
        deployment = TestDeployment.up("media");
    }

    @AfterAll
    void down() {
        deployment.close();
    }

    @Test
    void statusListsTheMediaServerWithItsAdminAndCatalogServerPorts() throws Exception {
        JsonNode status = deployment.run("status", "--json").json();
        JsonNode media = status.get("daemons").get(1);
        assertEquals("media-server", media.get("name").asText(), status.toString());
        assertTrue(media.get("running").asBoolean(), status.toString());
        var config = deployment.config();
        int catalogPort = ((CatalogLocation.Embedded) config.catalog()).serverPort();
        assertEquals(List.of(config.adminPort(), catalogPort),
                List.of(media.get("ports").get(0).asInt(), media.get("ports").get(1).asInt()));
        assertEquals(catalogPort, config.adminPort() + 1);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(deployment.file(MediaServerDaemon.ADMIN_SECRET))));
    }

    @Test
    void aWrongAdminSecretIsRefusedWithAWarningAndTheServerKeepsServing() throws Exception {
        int port = deployment.config().adminPort();
        SharedSecret wrong = SharedSecret.ofUtf8("not the admin secret of this deployment");
        WireException refused = assertThrows(WireException.class,
                () -> AdminClient.connect(port, wrong, Duration.ofSeconds(5)).close());
        assertEquals(ErrorCode.AUTH_FAILED, refused.peerCode().orElse(refused.code()), refused.getMessage());
        Await.until(() -> deployment.log("media-server").contains("WARN org.lanfree.connect.auth.Authenticator - auth:"
                + " refused"), Duration.ofSeconds(10), "a WARN line for the refused admin connection");

        Cli.Result after = deployment.run("tape", "status", "--json");
        assertEquals(0, after.exitCode(), after.toString());
    }

    @Test
    void listJobsOnAFreshCatalogShowsNoPendingJobs() {
        Cli.Result text = deployment.run("list", "jobs");
        assertEquals(0, text.exitCode(), text.toString());
        assertEquals("no pending jobs\n", text.out());
        Cli.Result json = deployment.run("list", "jobs", "--all", "--json");
        assertTrue(json.json().isArray(), json.toString());
    }

    @Test
    void sqlRunsOneStatementAsATable() {
        Cli.Result r = deployment.run("sql", "-c", "SELECT barcode, location FROM v_tapes WHERE barcode = 'LF0001L8'");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().matches("(?s)barcode +location\\nLF0001L8 +slot 1\\n\\(1 row\\)\\n"), r.toString());
    }

    @Test
    void theReaderCannotChangeTheCatalog() throws Exception {
        Cli.Result r = deployment.run("sql", "-c", "UPDATE cartridges SET pool = 'stolen'");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Not enough rights"), r.toString());
        assertTrue(r.err().contains("read-only user 'reader'"), r.toString());
        assertEquals(List.of("0"), deployment.query("SELECT COUNT(*) FROM cartridges WHERE pool = 'stolen'"));
    }

    @Test
    void sqlReadsStatementsFromAPipeAndReportsAFailedOneWithoutStopping() {
        String script = "SELECT COUNT(*) AS drives\nFROM drives;\nSELEC nonsense;\nSELECT name FROM pools;\n";
        InputStream stdin = System.in;
        Cli.Result r;
        try {
            System.setIn(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
            r = deployment.run("sql");
        } finally {
            System.setIn(stdin);
        }
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("drives\n2\n(1 row)"), r.toString());
        assertTrue(r.out().contains("scratch"), r.toString());
        assertTrue(r.err().contains("Syntax error"), r.toString());
    }
}
