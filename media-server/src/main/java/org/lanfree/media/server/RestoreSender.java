package org.lanfree.media.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.lanfree.connect.Conn;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.media.catalog.Backup;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.CatalogException;
import org.lanfree.media.catalog.Job;
import org.lanfree.media.catalog.JobKind;
import org.lanfree.media.catalog.JobSpec;
import org.lanfree.media.catalog.JobState;
import org.lanfree.media.session.DrivePool;
import org.lanfree.media.session.JobProgress;
import org.lanfree.media.vtl.DamagedBlockException;
import org.lanfree.media.vtl.Section;
import org.lanfree.media.vtl.TapeFileReader;
import org.lanfree.media.vtl.TapeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's read path: sends one backup back to the agent that asked for it.
 *
 * <pre>
 * agent                               media server
 *   RestoreBackup(id)     ───────▶    backup restorable? cartridges in the library? restore job running;
 *                                     first cartridge mounted on a reserved drive
 *                         ◀───────    RestoreStart(id, facts, bytes, sha256)
 *                         ◀───────    DATA*    sections in order, every block checked against its CRC32C
 *                         ◀───────    END(sha256)   or ERROR(code, text): damaged block, missing cartridge
 * </pre>
 *
 * A damaged block ends the stream with an ERROR naming the barcode and block, before any of its
 * bytes leave, and marks the backup damaged. Drives are reserved through the {@link DrivePool}, so a
 * restore never takes a drive a backup holds, and robot moves take the server's robot lock.
 */
final class RestoreSender {

    private static final Logger log = LoggerFactory.getLogger(RestoreSender.class);
    private static final int FRAME_BYTES = 1 << 20;
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    /** Two readers of one backup (a mount's readers) take turns for its cartridge rather than the second failing. */
    static final Duration IN_USE_WAIT = Duration.ofSeconds(30);

    private final Catalog catalog;
    private final TapeLibrary library;
    private final CatalogInventory inventory;
    private final Object robot;
    private final DrivePool drives;
    private final String server;
    private final Duration driveWait;

    /** {@code robot} is the lock every robot move of this server holds; a restore waits up to {@code driveWait} for a drive. */
    RestoreSender(Catalog catalog, TapeLibrary library, CatalogInventory inventory, Object robot, DrivePool drives,
            String server, Duration driveWait) {
        this.catalog = catalog;
        this.library = library;
        this.inventory = inventory;
        this.robot = robot;
        this.drives = drives;
        this.server = server;
        this.driveWait = driveWait;
    }

    /** Serves {@code request} of {@code client} on {@code conn}; the agent gets the data or the reason. */
    void send(int session, Conn conn, String client, Message.RestoreBackup request) throws IOException {
        String name = "session " + session;
        FrameWriter out = new FrameWriter(conn);
        Backup backup = readable(name, client, request.backupId(), out);
        if (backup == null) {
            return;
        }
        List<Section> sections = BackupSections.of(catalog, backup.id());
        Job job = catalog.jobs().startClaimed(new JobSpec(JobKind.RESTORE, backup.clientId(), backup.datasetId(), null,
                0, "agent of " + client, "{\"backup\":" + backup.id() + "}"), server);
        catalog.jobs().attachBackup(job.id(), backup.id());
        log.info("{}: restore of backup {} ({}:{}, {} bytes) to client {} started as job {}", name, backup.id(),
                backup.client(), backup.dataset(), backup.bytes(), client, job.id());
        String problem = stream(name, out, backup, sections, JobProgress.of(catalog, job.id(), PROGRESS_INTERVAL,
                Clock.systemUTC()), null);
        catalog.jobs().finish(job.id(), problem == null ? JobState.DONE : JobState.FAILED, problem);
    }

    /**
     * Sends backup {@code backup} (restorable, its cartridges in the library) on {@code out}:
     * RestoreStart, DATA*, END. Returns null when it all went out, else what stopped it (already
     * told to the agent in an ERROR frame).
     */
    String stream(String name, FrameWriter out, Backup backup, JobProgress progress) throws IOException {
        return stream(name, out, backup, BackupSections.of(catalog, backup.id()), progress, null);
    }

    /**
     * Serves a {@link Message.ReadBackup}: the range of the backup's payload, the cartridge mounted
     * for this read only; no job (a mount reads often and little), every block still checked.
     */
    void read(int session, Conn conn, String client, Message.ReadBackup request) throws IOException {
        String name = "session " + session;
        FrameWriter out = new FrameWriter(conn);
        Backup backup = readable(name, client, request.backupId(), out);
        if (backup != null) {
            stream(name, out, backup, BackupSections.of(catalog, backup.id()), JobProgress.NONE, request);
        }
    }

    /** Backup {@code id} when it can be read now; else null, after telling the agent why. */
    private Backup readable(String name, String client, long id, FrameWriter out) throws IOException {
        Backup backup = catalog.backups().get(id).orElse(null);
        String refusal = backup == null ? "backup " + id + " is not in the catalog; HINT: 'lanfree list backups'"
                + " shows the backups there are" : refusal(backup);
        if (refusal == null) {
            return backup;
        }
        log.warn("{}: read of backup {} for client {} refused: {}", name, id, client, refusal);
        out.writeError(ErrorCode.REFUSED, refusal);
        return null;
    }

    /** Why {@code backup} cannot be restored now (not restorable, a cartridge outside the library), or null. */
    String refusal(Backup backup) throws IOException {
        if (!backup.status().restorable()) {
            return "backup " + backup.id() + " of " + backup.client() + ":" + backup.dataset() + " is "
                    + backup.status().code() + "; only good backups and backups with warnings can be restored"
                    + (backup.note() == null ? "" : " (" + backup.note() + ")");
        }
        Set<String> missing = BackupSections.missingCartridges(library, BackupSections.of(catalog, backup.id()));
        if (!missing.isEmpty()) {
            return "backup " + backup.id() + " lies on cartridge " + String.join(", ", missing) + ", which is not in"
                    + " the library; HINT: import it with 'lanfree tape import BARCODE' and restore again";
        }
        return null;
    }

    /** {@code range} null: the whole payload; else that range of it, announced without a digest. */
    private String stream(String name, FrameWriter out, Backup backup, List<Section> sections, JobProgress progress,
            Message.ReadBackup range) throws IOException {
        MessageDigest sha256 = sha256();
        long sent = 0;
        long total = range == null ? backup.bytes()
                : Math.min(range.length(), Math.max(0, backup.bytes() - range.offset()));
        String what = (range == null ? "restore" : "read of " + total + " bytes at " + range.offset()) + " of backup "
                + backup.id();
        try (SectionMount mount = new SectionMount(library, inventory, robot, drives, driveWait, IN_USE_WAIT, what)) {
            TapeFileReader tape = new TapeFileReader(sections, mount::mount);
            if (range != null) {
                tape.startAt(range.offset());
            }
            byte[] chunk = new byte[FRAME_BYTES];
            int n = tape.readNBytes(chunk, 0, (int) Math.min(chunk.length, total));
            out.writeMessage(new Message.RestoreStart(backup.id(), backup.client(), backup.kind().code(),
                    backup.dataset(), backup.level().code(), backup.compression().code(), total,
                    range != null || backup.sha256() == null ? "" : backup.sha256()));
            while (n > 0) {
                sha256.update(chunk, 0, n);
                out.writeData(ByteBuffer.wrap(chunk, 0, n));
                sent += n;
                progress.bytes(sent);
                n = tape.readNBytes(chunk, 0, (int) Math.min(chunk.length, total - sent));
            }
        } catch (DamagedBlockException e) {
            String text = what + " stopped after " + sent + " bytes: " + e.getMessage()
                    + "; no byte of the damaged block was sent. HINT: restore an older backup";
            markDamaged(backup, e.getMessage());
            return fail(name, out, ErrorCode.BAD_CRC, text);
        } catch (AdminException e) {
            return fail(name, out, ErrorCode.REFUSED, e.getMessage());
        } catch (IOException e) {
            if (sent > 0 && !(e instanceof org.lanfree.media.vtl.TapeException)) {
                log.warn("{}: {} broke after {} bytes: {}", name, what, sent, e.getMessage());
                return what + " broke after " + sent + " bytes: " + e.getMessage();
            }
            return fail(name, out, ErrorCode.IO_FAILED, what + " failed after " + sent + " bytes: " + e.getMessage());
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (range == null && backup.sha256() != null && !digest.equals(backup.sha256())) {
            String text = what + ": the " + sent + " bytes read from tape give SHA-256 " + digest
                    + " but the catalog holds " + backup.sha256() + "; HINT: run crosscheck on it";
            markDamaged(backup, text);
            return fail(name, out, ErrorCode.BAD_CRC, text);
        }
        out.writeEnd(new SegmentEnd(HexFormat.of().parseHex(digest)));
        if (range == null) {
            log.info("{}: {} done: {} bytes, sha256 {}", name, what, sent, digest);
        } else {
            log.debug("{}: {} done", name, what);
        }
        return null;
    }

    private void markDamaged(Backup backup, String problem) {
        try {
            catalog.backups().markDamaged(backup.id(), "restore: " + problem);
        } catch (CatalogException e) {
            log.warn("backup {} is damaged ({}) but the catalog could not record it: {}", backup.id(), problem,
                    e.getMessage());
        }
    }

    private static String fail(String name, FrameWriter out, ErrorCode code, String text) {
        log.warn("{}: {}", name, text);
        try {
            out.writeError(code, text.length() <= 4000 ? text : text.substring(0, 3997) + "...");
        } catch (IOException e) {
            log.debug("{}: the agent did not get the ERROR frame: {}", name, e.getMessage());
        }
        return text;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
