package org.lanfree.db.pg.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.lanfree.connect.session.BackupDownload;
import org.lanfree.connect.session.MediaSession;
import org.lanfree.db.pg.jobs.MediaTarget;
import org.lanfree.db.pg.manifest.ManifestVerifier;
import org.lanfree.db.pg.wal.WalSegments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a new data directory from a stored base backup and prepares its recovery: the tar
 * unpacked, the manifest checked (and pg_verifybackup run where the same major's is installed),
 * the archived WAL from the backup's start on staged beside it, {@code restore_command} (a plain
 * {@code cp}) and the target written to postgresql.auto.conf with {@code recovery.signal}, and
 * everything handed to the cluster's OS user. Starting the cluster then recovers and promotes.
 */
public final class PgRestore {

    private static final Logger LOG = LoggerFactory.getLogger(PgRestore.class);
    private static final Duration START_WAIT = Duration.ofMinutes(5);
    private static final Duration EXEC_WAIT = Duration.ofMinutes(10);

    /** What was restored. */
    public record Restored(long backupId, String dataset, long bytes, BackupLabel label, int walSegmentsStaged,
                           Path pgdata, Path walDir, List<String> checks) { }

    private final MediaTarget media;

    public PgRestore(MediaTarget media) {
        this.media = media;
    }

    /**
     * @param osUser   the cluster's OS user, owner of what is written; null to leave it to this process's user
     * @param progress told bytes read and the backup's size
     */
    public Restored run(long backupId, Path pgdata, Path walDir, RecoveryTarget target, String osUser,
            BiConsumer<Long, Long> progress) throws IOException, InterruptedException {
        prepareEmpty(pgdata);
        String dataset;
        long bytes;
        try (MediaSession session = media.open(); BackupDownload download = session.restore(backupId, START_WAIT)) {
            var start = download.start();
            if (!start.kind().equals("pg")) {
                throw new IOException("backup " + backupId + " is a " + start.kind() + " backup of " + start.client()
                        + ":" + start.dataset() + "; expected a PostgreSQL (pg) backup. HINT: 'lanfree list backups'");
            }
            dataset = start.dataset();
            untar(download, pgdata, start.bytes(), progress);
            bytes = download.bytes();
        }
        BackupLabel label = BackupLabel.read(pgdata);
        List<String> checks = verify(pgdata);

        WalSegments segments = segmentSize(pgdata);
        int staged;
        try (MediaSession session = media.open()) {
            staged = new WalStaging(session.fetcher(START_WAIT), dataset, segments).stage(label.timeline(),
                    label.startLsn(), target instanceof RecoveryTarget.AtLsn at ? at.lsn() : null, walDir);
        }
        // Without archived WAL the backup's own WAL ends at its consistent point, with no record after
        // it; PostgreSQL 15 then never sees 'immediate' reached and stops with FATAL "recovery ended
        // before configured recovery target was reached". Recovering to the end of that WAL is the
        // same point, so no target is set then.
        RecoveryTarget effective = staged == 0 && target instanceof RecoveryTarget.Immediate
                ? new RecoveryTarget.EndOfWal() : target;
        configure(pgdata, walDir, effective, backupId);
        if (osUser != null) {
            exec(List.of("chown", "-R", osUser + ":", pgdata.toString(), walDir.toString()),
                    "hand the restore to " + osUser);
        }
        Files.setPosixFilePermissions(pgdata, PosixFilePermissions.fromString("rwx------"));
        LOG.info("backup {} of {} restored into {}: WAL from {} on timeline {}, {} archived segment(s) staged in {}",
                backupId, dataset, pgdata, label.startLsn(), label.timeline(), staged, walDir);
        return new Restored(backupId, dataset, bytes, label, staged, pgdata, walDir, checks);
    }

    private static void prepareEmpty(Path pgdata) throws IOException {
        if (Files.exists(pgdata)) {
            try (Stream<Path> s = Files.list(pgdata)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(pgdata + " is not empty; expected a new or empty folder for the data"
                            + " directory (a restore never overwrites a cluster)");
                }
            }
        }
        Files.createDirectories(pgdata);
        Files.setPosixFilePermissions(pgdata, PosixFilePermissions.fromString("rwx------"));
    }

    /** Pipes the download into {@code tar -x}, reading it to its end so that its SHA-256 is checked. */
    private static void untar(InputStream in, Path pgdata, long total, BiConsumer<Long, Long> progress)
            throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-x", "-C", pgdata.toString(), "-f", "-")
                .redirectErrorStream(true).start();
        byte[] buf = new byte[1 << 20];
        long done = 0;
        try (OutputStream out = tar.getOutputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                done += n;
                progress.accept(done, total);
            }
        }
        String output = new String(tar.getInputStream().readAllBytes());
        if (!tar.waitFor(EXEC_WAIT.toSeconds(), TimeUnit.SECONDS) || tar.exitValue() != 0) {
            throw new IOException("tar -x into " + pgdata + " failed: " + output.strip());
        }
    }

    /** Our manifest check for every major; pg_verifybackup as well where the same major's is installed. */
    private static List<String> verify(Path pgdata) throws IOException, InterruptedException {
        List<String> checks = new ArrayList<>();
        List<String> problems = ManifestVerifier.verify(pgdata);
        if (!problems.isEmpty()) {
            throw new IOException("the restored files do not match the backup's manifest: " + String.join("; ",
                    problems) + ". HINT: the backup is damaged; restore another one");
        }
        checks.add("manifest");
        String major = Files.readString(pgdata.resolve("PG_VERSION")).strip();
        Path verifier = Path.of("/usr/lib/postgresql", major, "bin", "pg_verifybackup");
        if (Files.isExecutable(verifier)) {
            exec(List.of(verifier.toString(), pgdata.toString()), "pg_verifybackup " + pgdata);
            checks.add("pg_verifybackup");
        }
        return checks;
    }

    private static WalSegments segmentSize(Path pgdata) throws IOException {
        try (Stream<Path> s = Files.list(pgdata.resolve("pg_wal"))) {
            return s.filter(p -> p.getFileName().toString().matches("[0-9A-F]{24}")).findFirst()
                    .map(p -> new WalSegments(p.toFile().length()))
                    .orElseThrow(() -> new IOException(pgdata.resolve("pg_wal") + " holds no WAL segment; expected the"
                            + " backup's own WAL"));
        }
    }

    private static void configure(Path pgdata, Path walDir, RecoveryTarget target, long backupId) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("# lanfree restore of backup " + backupId + ": recover from the WAL staged in " + walDir);
        lines.add("restore_command = 'cp \"" + walDir.toAbsolutePath().toString().replace("'", "''")
                + "/%f\" \"%p\"'");
        lines.addAll(target.settings());
        lines.add("recovery_target_action = 'promote'");
        Files.write(pgdata.resolve("postgresql.auto.conf"), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.writeString(pgdata.resolve("recovery.signal"), "");
    }

    private static void exec(List<String> command, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(EXEC_WAIT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("cannot " + what + ": " + String.join(" ", command) + " said: " + output.strip());
        }
    }
}
