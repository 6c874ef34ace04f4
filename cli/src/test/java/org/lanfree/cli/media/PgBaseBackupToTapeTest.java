package org.lanfree.cli.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.session.MediaSession;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.db.pg.agent.StoreBaseBackup;
import org.lanfree.db.pg.basebackup.BackupProgress;
import org.lanfree.db.pg.basebackup.BaseBackupOptions;
import org.lanfree.db.pg.basebackup.PgBaseBackup;
import org.lanfree.db.pg.manifest.ManifestVerifier;
import org.lanfree.db.pg.wire.ConnectionConfig;
import org.lanfree.media.server.ServerConfig;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.Drive;
import org.lanfree.media.vtl.Section;
import org.lanfree.media.vtl.TapeFileReader;
import org.lanfree.media.vtl.TapeLibrary;
import org.lanfree.testkit.postgres.ClusterOptions;
import org.lanfree.testkit.postgres.PostgresCluster;
import org.lanfree.testkit.postgres.PostgresVersion;

/**
 * A PostgreSQL base backup streamed by the database agent through the array to a real media
 * server, which writes it to tape; read back from the cartridge, the tape file unpacks with tar
 * into a data directory that verifies against its manifest and starts with every row.
 */
class PgBaseBackupToTapeTest {

    @TempDir
    Path dir;

    @Test
    void aBaseBackupGoesThroughTheArrayToTapeAndComesBackAsAStartableCluster() throws Exception {
        try (TestDeployment deployment = TestDeployment.up("pgtape");
             PostgresCluster pg = PostgresCluster.start(PostgresVersion.V17, dir.resolve("pg"), ClusterOptions.defaults())) {
            pg.execute("CREATE TABLE t AS SELECT g AS id FROM generate_series(1, 20000) g");
            ServerConfig config = deployment.config();
            var arrayConfig = ArrayConfigReader.read(deployment.file("array.conf"));

            StoreBaseBackup.Stored stored;
            try (ArrayDriver array = ArrayDriver.attach(ChannelAddress.unix(arrayConfig.unixSocket()), "local",
                    arrayConfig.channelSecret());
                 SocketLayer layer = new SocketLayer(array);
                 MediaSession session = MediaSession.open(layer, new SockAddr.Net("127.0.0.1", config.agents().port()),
                         "local", "127.0.0.1", config.agents().secret())) {
                PgBaseBackup backup = new PgBaseBackup(ConnectionConfig.physical(pg.host(), pg.port(), pg.superuser(),
                        pg.password()));
                stored = new StoreBaseBackup(backup, "local", "pg17-main", Duration.ofSeconds(60))
                        .run(session, BaseBackupOptions.labelled("to tape"), BackupProgress.NONE);
            }
            assertEquals(List.of("good|pg|full|" + stored.backup().tarBytes() + "|" + stored.sha256()), deployment.query(
                    "SELECT status || '|' || kind || '|' || level || '|' || bytes || '|' || sha256 FROM v_backups"
                            + " WHERE backup_id = " + stored.backupId()));
            assertEquals(List.of(stored.backup().startLsn().value() + "|" + stored.backup().endLsn().value() + "|"
                    + stored.backup().timeline()), deployment.query("SELECT start_lsn || '|' || end_lsn || '|' || timeline"
                    + " FROM v_backups WHERE backup_id = " + stored.backupId()));
            List<Section> sections = sections(deployment, stored.backupId());
            deployment.run("down");

            Path data = dir.resolve("restored");
            Files.createDirectories(data);
            String sha256;
            try (TapeLibrary library = TapeLibrary.open(config.library())) {
                sha256 = untar(new TapeFileReader(sections, s -> mount(library, s.barcode())), data);
            }
            assertEquals(stored.sha256(), sha256, "the tape file is the stream the agent sent");
            assertEquals(List.of(), ManifestVerifier.verify(data));
            pg.stop(); // the restored copy has the same system identifier; only one runs at a time
            try (PostgresCluster restored = PostgresCluster.startExisting(PostgresVersion.V17, data, ClusterOptions.defaults());
                 Connection c = restored.connect("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), sum(id) FROM t")) {
                rs.next();
                assertEquals(20000, rs.getLong(1));
                assertEquals(20000L * 20001 / 2, rs.getLong(2));
            }
        }
    }

    /** The backup's sections, from the catalog as any SQL user reads it. */
    private static List<Section> sections(TestDeployment deployment, long backupId) throws Exception {
        List<Section> out = new ArrayList<>();
        try (Connection c = deployment.reader(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT section_no, barcode, file_number, first_block, last_block, bytes"
                     + " FROM backup_sections WHERE backup_id = " + backupId + " ORDER BY section_no")) {
            while (rs.next()) {
                out.add(new Section(Long.toString(backupId), rs.getInt(1), Barcode.valueOf(rs.getString(2)), rs.getInt(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), 0));
            }
        }
        assertTrue(!out.isEmpty(), "backup " + backupId + " has sections");
        return out;
    }

    /** The drive holding {@code barcode}, loading it into an empty drive when none does. */
    private static Drive mount(TapeLibrary library, Barcode barcode) throws java.io.IOException {
        for (Drive d : library.drives()) {
            if (d.loaded().map(barcode::equals).orElse(false)) {
                return d;
            }
        }
        for (Drive d : library.drives()) {
            if (d.loaded().isEmpty()) {
                return library.load(barcode, d.number());
            }
        }
        throw new AssertionError("no empty drive to mount " + barcode);
    }

    /** Pipes {@code in} into {@code tar -x -C dir}; returns the SHA-256 of what went through. */
    private static String untar(InputStream in, Path dir) throws Exception {
        Process tar = new ProcessBuilder("tar", "-x", "-C", dir.toString()).redirectErrorStream(true).start();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (in; OutputStream out = new DigestOutputStream(tar.getOutputStream(), md)) {
            in.transferTo(out);
        }
        String output = new String(tar.getInputStream().readAllBytes());
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS), "tar finished");
        assertEquals(0, tar.exitValue(), "tar -x: " + output);
        return HexFormat.of().formatHex(md.digest());
    }
}
