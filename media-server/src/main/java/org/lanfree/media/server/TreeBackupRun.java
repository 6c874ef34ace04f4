package org.lanfree.media.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.wire.FileRecord;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.Message;
import org.lanfree.media.catalog.BackupEnd;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.CatalogException;
import org.lanfree.media.catalog.FileEntry;
import org.lanfree.media.session.BackupCompletion;
import org.lanfree.media.session.SessionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control and error channels of one file-tree backup, beside its stream: the agent's
 * {@link Message.FileRecords} become the backup's file entries in the catalog, its
 * {@link Message.FileWarning}s are logged and counted ({@link TreeWarnings}), and the backup is listed only after
 * {@link Message.TreeDone} and every entry are in: {@code warnings} when any file had one.
 */
final class TreeBackupRun implements BackupCompletion {

    private static final Logger log = LoggerFactory.getLogger(TreeBackupRun.class);
    private static final int BATCH = 500;

    private final String name;
    private final FsSession session;
    private final Catalog catalog;
    private final Duration doneWait;
    private final Long jobId;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch controlDone = new CountDownLatch(1);
    private final TreeWarnings warnings;
    private volatile long backupId;
    private volatile Message.TreeDone done;
    private volatile String controlFailure;
    private long entries;

    TreeBackupRun(String name, FsSession session, Catalog catalog, Long jobId, Duration doneWait) {
        this.name = name;
        this.jobId = jobId;
        this.session = session;
        this.catalog = catalog;
        this.doneWait = doneWait;
        this.warnings = new TreeWarnings(name, session);
    }

    /** Starts reading the control and error channels. */
    TreeBackupRun start() {
        Thread.ofVirtual().name(name + "-control").start(this::readControl);
        warnings.start();
        return this;
    }

    @Override
    public void started(long id) {
        backupId = id;
        started.countDown();
    }

    @Override
    public BackupEnd end(long id, BackupEnd good) throws SessionException {
        try {
            if (!controlDone.await(doneWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SessionException(SessionException.Failure.PROTOCOL, name + ": the agent sent the archive"
                        + " but no TreeDone within " + doneWait.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException(SessionException.Failure.INTERRUPTED, name + ": interrupted", e);
        }
        if (done == null) {
            throw new SessionException(SessionException.Failure.STREAM, name + ": the control channel failed: "
                    + controlFailure);
        }
        BackupEnd end = new BackupEnd(good.status(), good.bytes(), good.storedBytes(), entries, good.sha256(), null,
                null);
        long n = Math.max(warnings.count(), done.warnings());
        return n == 0 ? end : end.withWarnings(n + " file" + (n == 1 ? "" : "s") + " with warnings, e.g. "
                + warnings.first());
    }

    private void readControl() {
        FrameReader in = new FrameReader(session.control());
        List<FileEntry> batch = new ArrayList<>();
        try {
            started.await();
            while (true) {
                Message m = in.readMessage(Duration.ZERO);
                if (m instanceof Message.FileRecords records) {
                    for (FileRecord r : records.records()) {
                        batch.add(entry(r));
                    }
                    if (batch.size() >= BATCH) {
                        flush(batch);
                    }
                } else if (m instanceof Message.TreeDone d) {
                    flush(batch);
                    done = d;
                    return;
                } else {
                    controlFailure = "unexpected " + m + " on the control channel";
                    return;
                }
            }
        } catch (IOException | CatalogException e) {
            controlFailure = e.getMessage();
        } catch (InterruptedException e) {
            controlFailure = "interrupted";
        } finally {
            controlDone.countDown();
        }
    }

    private void flush(List<FileEntry> batch) {
        if (!batch.isEmpty()) {
            catalog.files().add(backupId, batch);
            entries += batch.size();
            batch.clear();
            if (jobId != null) {
                catalog.jobs().filesDone(jobId, entries);
            }
        }
    }

    private static FileEntry entry(FileRecord r) {
        FileEntry.State state = switch (r.state()) {
            case 'C' -> FileEntry.State.CHANGED;
            case 'D' -> FileEntry.State.DELETED;
            default -> FileEntry.State.ADDED;
        };
        return new FileEntry(r.path(), state, FileEntry.Type.ofCode(String.valueOf(r.type())), r.size(), r.mode(),
                r.uid(), r.gid(), r.mtimeNs(), r.ctimeNs(), r.inode(), r.nlink(), r.rdev(),
                r.linkTarget().length == 0 ? null : r.linkTarget(), r.xattrs().length == 0 ? null : r.xattrs(),
                r.archiveOffset() < 0 ? null : r.archiveOffset());
    }

    /** A path for a log line: UTF-8 where it is, \\xNN for the bytes that are not. */
    static String display(byte[] path) {
        String text = new String(path, StandardCharsets.UTF_8);
        if (!text.contains("\uFFFD")) {
            return text;
        }
        StringBuilder s = new StringBuilder();
        for (byte b : path) {
            if (b >= 0x20 && b < 0x7f) {
                s.append((char) b);
            } else {
                s.append(String.format("\\x%02x", b & 0xff));
            }
        }
        return s.toString();
    }
}
