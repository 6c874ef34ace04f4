package org.lanfree.cli.report;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.lanfree.cli.Cli;
import org.lanfree.cli.media.TestDeployment;
import org.lanfree.media.catalog.Backup;
import org.lanfree.media.catalog.BackupEnd;
import org.lanfree.media.catalog.BackupKind;
import org.lanfree.media.catalog.BackupStart;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.FileEntry;
import org.lanfree.media.catalog.TapeFile;
import org.lanfree.media.server.CatalogLocation;
import org.lanfree.media.server.ServerConfig;
import org.lanfree.media.vtl.BackupInfo;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.Drive;
import org.lanfree.media.vtl.Section;
import org.lanfree.media.vtl.TapeFileWriter;
import org.lanfree.media.vtl.TapeLibrary;

/**
 * A deployment whose catalog and cartridges hold backups written for the test: {@code up} once (to
 * configure and label cartridges through the CLI), {@code down}, then the real library and catalog
 * are opened here and backups are written as real tape files with {@link TapeFileWriter} and
 * recorded as the media server's sessions record them (catalog times from a clock set in the
 * past), then {@code up} again.
 */
public final class SeededDeployment implements AutoCloseable {

    /** A backup written for the test: its id, and where its payload starts in the cartridge's data file. */
    public record Seeded(long id, String barcode, long payloadOffset, int blockSize) {
    }

    private final TestDeployment deployment;
    private final PastClock clock = new PastClock();
    private Catalog catalog;
    private TapeLibrary library;

    private SeededDeployment(TestDeployment deployment) {
        this.deployment = deployment;
    }

    /** Brings a deployment up, labels {@code barcodes} into {@code pool}, and stops it for seeding. */
    public static SeededDeployment create(String prefix, String pool, String... barcodes) throws Exception {
        SeededDeployment seeded = new SeededDeployment(TestDeployment.up(prefix));
        try {
            for (String b : barcodes) {
                seeded.expect(0, "tape", "label", b, "--pool", pool);
            }
            seeded.expect(0, "down", "--timeout", "10");
            ServerConfig config = seeded.deployment.config();
            seeded.catalog = Catalog.embedded(((CatalogLocation.Embedded) config.catalog()).dir(), seeded.clock);
            seeded.library = TapeLibrary.open(config.library());
        } catch (Exception | AssertionError e) {
            seeded.close();
            throw e;
        }
        return seeded;
    }

    /** The catalog, while seeding. */
    public Catalog catalog() {
        return catalog;
    }

    /** Stamps what follows {@code ago} before now. */
    public SeededDeployment at(Duration ago) {
        clock.now = Instant.now().minus(ago);
        return this;
    }

    /**
     * Writes a good backup of {@code payload} to a tape file on {@code barcode} and records it,
     * with {@code files} as its file entries.
     */
    public Seeded good(long datasetId, Long parentId, String barcode, byte[] payload, List<FileEntry> files)
            throws IOException {
        BackupStart start = parentId == null ? BackupStart.full(datasetId) : BackupStart.incremental(datasetId, parentId);
        Backup b = catalog.backups().start(start.withStorage("daily", null));
        Drive drive = library.load(Barcode.valueOf(barcode), 0);
        List<Section> sections;
        try (TapeFileWriter tape = TapeFileWriter.start(drive, new BackupInfo(Long.toString(b.id()), b.client(),
                b.kind().code(), b.level().code(), b.startedAt(), "none"), (full, n) -> {
                    throw new IOException("test cartridge " + full + " is full");
                })) {
            tape.write(payload);
            sections = tape.finish();
        } finally {
            library.unload(0);
        }
        for (Section s : sections) {
            catalog.backups().addSection(b.id(), new TapeFile(s.barcode().toString(), s.fileNumber(), s.firstBlock(),
                    s.lastBlock(), drive.blockSize(), s.payloadBytes()), null);
        }
        catalog.files().add(b.id(), files);
        catalog.backups().finish(b.id(), BackupEnd.good(payload.length, payload.length, files.size(), null));
        return new Seeded(b.id(), barcode, sections.getFirst().payloadOffset(), drive.blockSize());
    }

    /** Records a backup of {@code datasetId} that failed before it wrote anything. */
    public long failed(long datasetId) {
        Backup b = catalog.backups().start(BackupStart.full(datasetId).withStorage("daily", null));
        return catalog.backups().finish(b.id(), BackupEnd.failed("the test says so")).id();
    }

    /** Ends seeding: closes the library and catalog and starts the deployment again. */
    public SeededDeployment start() throws IOException {
        library.close();
        library = null;
        catalog.close();
        catalog = null;
        expect(0, "up");
        return this;
    }

    public Cli.Result run(String... args) {
        return deployment.run(args);
    }

    public TestDeployment deployment() {
        return deployment;
    }

    /** Flips one byte of a cartridge's data file, as a failing tape would. */
    public void flipByte(String barcode, long offset) throws Exception {
        Path data = deployment.config().library().folder().resolve("cartridges").resolve(barcode).resolve("data");
        try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x40);
        }
    }

    private void expect(int code, String... args) {
        Cli.Result r = deployment.run(args);
        if (r.exitCode() != code) {
            throw new AssertionError(String.join(" ", args) + " failed: " + r + deployment.log("media-server"));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (library != null) {
                library.close();
            }
        } finally {
            if (catalog != null) {
                catalog.close();
            }
            deployment.close();
        }
    }

    /** The catalog's clock while seeding: set to a moment in the past. */
    private static final class PastClock extends Clock {

        private volatile Instant now = Instant.now();

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
