package org.lanfree.fs.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.session.BackupDownload;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.DirectoryListing;
import org.lanfree.fs.posix.Errno;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.posix.PosixException;
import org.lanfree.fs.restore.RestoreOptions;
import org.lanfree.fs.restore.RestoreSummary;
import org.lanfree.fs.restore.TreeRestorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restore the media server asked for: the target is checked first (a non-empty one only with
 * force), then the chain's archives arrive on the data connection, the full first, and are
 * restored in order; warnings go on the error channel, {@link Message.TreeDone} ends it.
 */
final class TreeRestoreJob {

    private static final Logger log = LoggerFactory.getLogger(TreeRestoreJob.class);
    private static final Duration ARCHIVE_WAIT = Duration.ofMinutes(10);

    private final String client;
    private final FsSession session;

    TreeRestoreJob(String client, FsSession session) {
        this.client = client;
        this.session = session;
    }

    void run(Message.TreeRestore request) throws IOException {
        FrameWriter control = new FrameWriter(session.control());
        ByteString target = ByteString.of(request.target());
        String refusal = refusal(target, request.force());
        if (refusal != null) {
            log.warn("fs-agent {}: restore of backup {} refused: {}", client, request.backupId(), refusal);
            control.writeError(ErrorCode.REFUSED, refusal);
            return;
        }
        control.writeMessage(new Message.SessionReady(session.token()));
        WarningSender warnings = new WarningSender(new FrameWriter(session.errors()));
        RestoreOptions options = new RestoreOptions(true, selection(request.paths()), Posix.isRoot());
        FrameReader data = new FrameReader(session.data());
        long files = 0;
        long bytes = 0;
        for (int i = 0; i < request.archives(); i++) {
            BackupDownload archive = BackupDownload.next(data, ARCHIVE_WAIT);
            RestoreSummary s = new TreeRestorer(options, warnings).restore(archive, target);
            // The SHA-256 is checked at END: read to it, so a damaged stream fails here, not silently.
            archive.transferTo(OutputStream.nullOutputStream());
            files += s.files();
            bytes += s.dataBytes();
            log.info("fs-agent {}: restored archive {} of {} (backup {}): {} objects", client, i + 1,
                    request.archives(), archive.start().backupId(), s.restored());
        }
        control.writeMessage(new Message.TreeDone(files, bytes, warnings.count()));
        log.info("fs-agent {}: restore of backup {} into {} done: {} files, {} bytes, {} warnings", client,
                request.backupId(), target, files, bytes, warnings.count());
    }

    /** Why the target may not be restored into, or null: a folder that holds names, without force. */
    private static String refusal(ByteString target, boolean force) throws IOException {
        if (force) {
            return null;
        }
        try (Fd dir = Posix.open(target, Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.O_CLOEXEC)) {
            List<ByteString> names = DirectoryListing.names(dir);
            return names.isEmpty() ? null : "restore target " + target + " is not empty (" + names.size()
                    + " names, such as '" + names.getFirst() + "'); HINT: restore into an empty or new folder, or"
                    + " give --force to restore over what is there";
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOENT) {
                return null;
            }
            return "restore target " + target + " cannot be used: " + e.getMessage();
        }
    }

    private static List<ByteString> selection(byte[] joined) {
        List<ByteString> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= joined.length; i++) {
            if (i == joined.length || joined[i] == 0) {
                if (i > start) {
                    out.add(ByteString.of(joined, start, i - start));
                }
                start = i + 1;
            }
        }
        return out;
    }
}
