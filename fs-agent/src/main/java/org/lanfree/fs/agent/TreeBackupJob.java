package org.lanfree.fs.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;

import java.util.List;

import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.session.BackupUpload;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FileRecord;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;
import org.lanfree.fs.archive.ArchiveSummary;
import org.lanfree.fs.archive.OwnerNames;
import org.lanfree.fs.archive.TreeArchiver;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.tree.Excludes;
import org.lanfree.fs.tree.Fingerprint;
import org.lanfree.fs.tree.TreeOrder;
import org.lanfree.fs.tree.WalkOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backup the media server asked for: the parent's files (for an incremental), then the
 * archive on the data connection, the file records on the control channel, warnings on the error
 * channel, and {@link Message.TreeDone} before the verdict.
 */
final class TreeBackupJob {

    private static final Logger log = LoggerFactory.getLogger(TreeBackupJob.class);
    private static final Duration VERDICT_WAIT = Duration.ofMinutes(10);
    private static final Duration RECORDS_WAIT = Duration.ofMinutes(5);

    private final String client;
    private final FsSession session;
    private final FrameReader control;

    TreeBackupJob(String client, FsSession session, FrameReader control) {
        this.client = client;
        this.session = session;
        this.control = control;
    }

    void run(Message.TreeBackup request) throws IOException {
        ByteString root = ByteString.of(request.root());
        List<Fingerprint> previous = previous();
        FrameWriter controlOut = new FrameWriter(session.control());
        WarningSender warnings = new WarningSender(new FrameWriter(session.errors()));
        RecordSender records = new RecordSender(controlOut);
        WalkOptions options = WalkOptions.DEFAULT.withExcludes(excludes(request.excludes()))
                .withOneFileSystem(request.oneFileSystem());
        BackupUpload upload = BackupUpload.on(session.data());
        log.info("fs-agent {}: {} backup of {} started ({} files known from backup {})", client, request.level(), root,
                previous == null ? 0 : previous.size(), request.parentId());
        ArchiveSummary summary;
        try {
            summary = new TreeArchiver(options, warnings, records, OwnerNames.fromSystem(), Clock.systemUTC())
                    .archive(root, previous == null ? null : previous.iterator(), upload);
            upload.end();
        } catch (IOException | UncheckedIOException e) {
            String text = "cannot back up " + root + " on " + client + ": " + e.getMessage();
            log.warn("fs-agent {}: {}", client, text);
            new FrameWriter(session.data()).writeError(ErrorCode.REFUSED, text);
            return;
        }
        records.flush();
        controlOut.writeMessage(new Message.TreeDone(summary.files(), summary.bytes(), summary.warnings()));
        Message.BackupStored stored = upload.verdict(VERDICT_WAIT);
        log.info("fs-agent {}: backup {} of {} stored: {} members, {} bytes, {} deleted, {} warnings", client,
                stored.backupId(), root, summary.members(), summary.bytes(), summary.deleted(), summary.warnings());
    }

    /** The parent's files in tree order (null for a full), as the media server sends them. */
    private List<Fingerprint> previous() throws IOException {
        List<Fingerprint> out = new ArrayList<>();
        while (true) {
            Message m = control.readMessage(RECORDS_WAIT);
            if (m instanceof Message.FileRecords batch) {
                for (FileRecord r : batch.records()) {
                    out.add(new Fingerprint(RecordSender.treePath(r.path()), r.size(), r.mtimeNs(), r.ctimeNs(), r.inode(),
                            r.mode(), r.uid(), r.gid()));
                }
            } else if (m instanceof Message.FileRecordsEnd) {
                if (out.isEmpty()) {
                    return null;
                }
                out.sort((a, b) -> TreeOrder.INSTANCE.compare(a.path(), b.path()));
                return out;
            } else {
                throw new WireException(ErrorCode.UNEXPECTED_FRAME, "expected the parent's FileRecords, got " + m);
            }
        }
    }

    private static Excludes excludes(byte[] joined) {
        if (joined.length == 0) {
            return Excludes.NONE;
        }
        return Excludes.of(new String(joined, StandardCharsets.UTF_8).split("\0"));
    }

}
