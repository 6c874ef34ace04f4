package org.lanfree.db.pg.basebackup;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.db.pg.wire.BackendMessage;
import org.lanfree.db.pg.wire.PgProtocolException;
import org.lanfree.db.tar.ArchiveSplicer;
import org.lanfree.db.tar.TarWriter;

/**
 * The server's reply to BASE_BACKUP on PostgreSQL 15 and later, one message at a time:
 * <pre>
 *   START_POSITION  T D(recptr, tli) C
 *   TABLESPACES     T D(spcoid, spclocation, size)* C      (a NULL oid is the data directory)
 *   AWAIT_COPY      H
 *   COPY            d('n' name path | 'd' bytes | 'p' Int64 done | 'm')* c
 *   END_POSITION    T D(recptr, tli) C
 *   COMPLETE        C(BASE_BACKUP) Z
 * </pre>
 * Archive bytes ('d' after 'n') are tar: their members go to the {@link TarWriter} as they
 * arrive; the manifest ('d' after 'm') is kept to be added as a member once complete.
 */
final class BaseBackupReply {

    enum State { START_POSITION, TABLESPACES, AWAIT_COPY, COPY, END_POSITION, COMPLETE, DONE }

    /** A manifest is about 150 bytes per file; this allows millions of files. */
    static final int MAX_MANIFEST = 512 << 20;

    interface Listener {
        void onStarted(Lsn start, int timeline, long estimatedBytes);

        void onProgress(long bytesDone);

        /** Our tar is between two members: members of other origins (WAL) may go in now. */
        default void betweenMembers() {
        }
    }

    private final TarWriter tar;
    private final Listener listener;
    private State state = State.START_POSITION;
    private Lsn startLsn;
    private int timeline;
    private long estimatedBytes;
    private Lsn endLsn;
    private int endTimeline;
    private ArchiveSplicer archive;
    private boolean inManifest;
    private long members;
    private final ByteArrayOutputStream manifest = new ByteArrayOutputStream();

    BaseBackupReply(TarWriter tar, Listener listener) {
        this.tar = tar;
        this.listener = listener;
    }

    /** Takes the next message; true once the reply is complete. */
    boolean on(BackendMessage m) {
        switch (state) {
            case START_POSITION -> onPosition(m, true);
            case TABLESPACES -> onTablespaces(m);
            case AWAIT_COPY -> {
                if (!(m instanceof BackendMessage.CopyResponse r) || r.kind() != BackendMessage.CopyResponse.OUT) {
                    throw unexpected(m, "CopyOutResponse");
                }
                state = State.COPY;
            }
            case COPY -> onCopy(m);
            case END_POSITION -> onPosition(m, false);
            case COMPLETE -> {
                if (m instanceof BackendMessage.ReadyForQuery) {
                    state = State.DONE;
                } else if (!(m instanceof BackendMessage.CommandComplete)) {
                    throw unexpected(m, "CommandComplete BASE_BACKUP or ReadyForQuery");
                }
            }
            case DONE -> throw unexpected(m, "nothing (the reply is complete)");
        }
        return state == State.DONE;
    }

    private void onPosition(BackendMessage m, boolean start) {
        switch (m) {
            case BackendMessage.RowDescription t -> { }
            case BackendMessage.DataRow d -> {
                Lsn lsn = Lsn.valueOf(d.values().get(0));
                int tli = Integer.parseInt(d.values().get(1));
                if (start) {
                    startLsn = lsn;
                    timeline = tli;
                } else {
                    endLsn = lsn;
                    endTimeline = tli;
                }
            }
            case BackendMessage.CommandComplete c -> {
                if ((start ? startLsn : endLsn) == null) {
                    throw unexpected(m, "a row with the backup's " + (start ? "start" : "end") + " position first");
                }
                state = start ? State.TABLESPACES : State.COMPLETE;
            }
            default -> throw unexpected(m, "the row with the backup's " + (start ? "start" : "end") + " position");
        }
    }

    private void onTablespaces(BackendMessage m) {
        switch (m) {
            case BackendMessage.RowDescription t -> { }
            case BackendMessage.DataRow d -> {
                List<String> v = d.values();
                if (v.get(0) != null) {
                    throw new UnsupportedOperationException("the cluster has tablespace " + v.get(0) + " at "
                            + v.get(1) + "; backups of clusters with tablespaces outside the data directory are not"
                            + " supported yet. HINT: move its objects to pg_default (ALTER TABLE ... SET TABLESPACE)");
                }
                if (v.get(2) != null) {
                    estimatedBytes += Long.parseLong(v.get(2)) * 1024;
                }
            }
            case BackendMessage.CommandComplete c -> {
                state = State.AWAIT_COPY;
                listener.onStarted(startLsn, timeline, estimatedBytes);
            }
            default -> throw unexpected(m, "tablespace rows");
        }
    }

    private void onCopy(BackendMessage m) {
        if (m instanceof BackendMessage.CopyDone) {
            closeArchive();
            if (!inManifest) {
                throw new PgProtocolException("BASE_BACKUP's copy stream ended without a manifest; expected 'm' and the"
                        + " manifest after the archives");
            }
            state = State.END_POSITION;
            return;
        }
        if (!(m instanceof BackendMessage.CopyData data)) {
            throw unexpected(m, "CopyData or CopyDone");
        }
        ByteBuffer b = data.payload();
        byte kind = b.get();
        switch (kind) {
            case 'n' -> {
                closeArchive();
                String name = cstring(b);
                String location = cstring(b);
                if (!location.isEmpty()) {
                    throw new UnsupportedOperationException("archive " + name + " holds the tablespace at " + location
                            + "; tablespaces outside the data directory are not supported yet");
                }
                archive = new ArchiveSplicer(tar, name, listener::betweenMembers);
            }
            case 'd' -> {
                if (inManifest) {
                    if (manifest.size() + b.remaining() > MAX_MANIFEST) {
                        throw new IllegalStateException("backup manifest exceeds " + MAX_MANIFEST + " bytes; HINT:"
                                + " the cluster has too many files for an in-memory manifest");
                    }
                    manifest.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                } else if (archive != null) {
                    archive.accept(b.array(), b.arrayOffset() + b.position(), b.remaining());
                } else {
                    throw new PgProtocolException("BASE_BACKUP sent archive data before naming an archive ('n')");
                }
            }
            case 'p' -> listener.onProgress(b.getLong());
            case 'm' -> {
                closeArchive();
                inManifest = true;
            }
            default -> throw new PgProtocolException("BASE_BACKUP copy message of type '" + (char) kind
                    + "', expected n, d, p or m (PostgreSQL 15 or later)");
        }
    }

    private void closeArchive() {
        if (archive != null) {
            members += archive.finish();
            archive = null;
        }
    }

    private PgProtocolException unexpected(BackendMessage m, String expected) {
        return new PgProtocolException("BASE_BACKUP reply in state " + state + ": got " + m + ", expected " + expected);
    }

    private static String cstring(ByteBuffer b) {
        int start = b.position();
        int end = start;
        while (end < b.limit() && b.get(end) != 0) {
            end++;
        }
        if (end == b.limit()) {
            throw new PgProtocolException("a name in BASE_BACKUP's 'n' message has no terminating NUL");
        }
        b.position(end + 1);
        return new String(b.array(), b.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
    }

    State state() {
        return state;
    }

    Lsn startLsn() {
        return startLsn;
    }

    int timeline() {
        return timeline;
    }

    Lsn endLsn() {
        return endLsn;
    }

    int endTimeline() {
        return endTimeline;
    }

    long members() {
        return members;
    }

    byte[] manifest() {
        return manifest.toByteArray();
    }
}
