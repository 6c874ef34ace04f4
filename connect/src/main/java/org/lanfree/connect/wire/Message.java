package org.lanfree.connect.wire;

import java.util.Objects;

/**
 * The typed control messages MESSAGE frames carry, one record per message. Their encoding is
 * {@link MessageCodec}'s; where each is sent is the handshakes' business.
 */
public sealed interface Message {

    /** Server to fs-agent, first message on a new control connection: the well-known greeting. */
    record Greeting(String service) implements Message {
        public Greeting {
            Objects.requireNonNull(service, "service");
        }
    }

    /** Fs-agent to server: the descriptor of the accepted control socket, the session's token. */
    record SessionToken(int token) implements Message {
    }

    /** Server to fs-agent, first message on the second connection: pair it with this session. */
    record PairSession(int token) implements Message {
    }

    /** Fs-agent to server: the second connection is the session's error/status channel. */
    record SessionPaired(int token) implements Message {
    }

    /**
     * Server to agent: use this STG group, with rings of {@code ringTracks} tracks (0: the
     * group's default), for the session's data.
     */
    record StgOffer(int session, int group, int ringTracks) implements Message {
        public StgOffer {
            nonNegative("STG group", group);
            nonNegative("ring tracks", ringTracks);
        }
    }

    /** Agent to server: the STP port the agent listens on for the data connection. */
    record StpPort(int port) implements Message {
        public StpPort {
            nonNegative("STP port", port);
        }
    }

    /** Fs-agent to server, on the control channel: all three channels of the session are up. */
    record SessionReady(int token) implements Message {
    }

    /** Db-agent to server: back up {@code client}; call back on this TCP port. */
    record DbCallback(String client, int port) implements Message {
        public DbCallback {
            Objects.requireNonNull(client, "client");
            if (port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("callback port " + port + " is out of range 0-65535");
            }
        }
    }

    /** Server to db-agent: request accepted; the call back will name this session. */
    record CallbackAck(int session) implements Message {
    }

    /**
     * Receiver to sender: send one segment of {@code bytes} bytes (DATA frames, then END). The
     * transport check's request; a backup asks for real data instead.
     */
    record SendBytes(long bytes) implements Message {
        public SendBytes {
            if (bytes < 0) {
                throw new IllegalArgumentException("byte count " + bytes + " is negative");
            }
        }
    }

    /**
     * Operator to media server, on the admin connection: one request as a JSON object
     * ({@code {"op": ..., ...}}); the media server answers each with one {@link AdminReply}.
     */
    record AdminRequest(String json) implements Message {
        public AdminRequest {
            Objects.requireNonNull(json, "json");
        }
    }

    /** Media server to operator: the answer to one {@link AdminRequest}, as a JSON object. */
    record AdminReply(String json) implements Message {
        public AdminReply {
            Objects.requireNonNull(json, "json");
        }
    }

    /**
     * Media server to sender, after a backup stream's END: the backup is stored on tape and listed
     * good in the catalog as {@code backupId}; {@code sha256} (64 lower-case hex digits) is the digest
     * the media server computed over the payload. A stream that is not stored gets an ERROR frame.
     */
    record BackupStored(long backupId, String sha256) implements Message {
        public BackupStored {
            Objects.requireNonNull(sha256, "sha256");
            if (backupId < 0) {
                throw new IllegalArgumentException("backup id " + backupId + " is negative");
            }
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 '" + sha256 + "' is not 64 lower-case hex digits");
            }
        }
    }

    /**
     * Agent to media server, first on a database session's STP connection: store the stream that
     * follows (DATA frames, then END) as a backup of {@code client}'s {@code dataset}. {@code kind}
     * is {@code fs}, {@code pg} or {@code h2}; {@code level} {@code full} or {@code incremental}
     * (then {@code parentId} names the backup it builds on, else 0); {@code compression}
     * {@code none}, {@code zstd} or {@code lz4}, as the agent applied it.
     */
    record StoreBackup(String client, String kind, String dataset, String level, long parentId, String compression)
            implements Message {
        public StoreBackup {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(compression, "compression");
            if (parentId < 0) {
                throw new IllegalArgumentException("parent backup id " + parentId + " is negative");
            }
        }
    }

    /**
     * Agent to media server, first on a session's STP connection (instead of {@link StoreBackup}):
     * send backup {@code backupId} back. The media server answers {@link RestoreStart}, then the
     * backup's payload as DATA frames and END(sha256), or an ERROR frame.
     */
    record RestoreBackup(long backupId) implements Message {
        public RestoreBackup {
            if (backupId <= 0) {
                throw new IllegalArgumentException("backup id " + backupId + " is not positive");
            }
        }
    }

    /**
     * Media server to agent: the payload of backup {@code backupId} follows ({@code bytes} bytes,
     * digest {@code sha256} as the catalog holds it). The other fields are the backup's catalog facts,
     * as in {@link StoreBackup}.
     */
    record RestoreStart(long backupId, String client, String kind, String dataset, String level, String compression,
            long bytes, String sha256) implements Message {
        public RestoreStart {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(compression, "compression");
            Objects.requireNonNull(sha256, "sha256");
            if (bytes < 0) {
                throw new IllegalArgumentException("byte count " + bytes + " is negative");
            }
        }
    }

    /**
     * Agent to media server, on a WAL session's STP connection: the segment {@code segment} of
     * {@code client}'s cluster {@code dataset} follows as DATA frames and END(sha256), to land in the
     * media server's disk staging pool. {@code startLsn}/{@code endLsn} (unsigned) and {@code timeline}
     * place it in the WAL; all three are 0 for a file outside the LSN space, such as a timeline history
     * file. The media server answers each with {@link SegmentStaged} once the segment is durable, or an
     * ERROR frame; the session may carry any number of segments, one after another.
     */
    record StageSegment(String client, String dataset, String segment, int timeline, long startLsn, long endLsn)
            implements Message {
        public StageSegment {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(segment, "segment");
            nonNegative("timeline", timeline);
        }
    }

    /** Media server to agent: segment {@code segment} is durable in the staging pool with this digest. */
    record SegmentStaged(String segment, String sha256) implements Message {
        public SegmentStaged {
            Objects.requireNonNull(segment, "segment");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /**
     * Agent to media server: send segment {@code segment} of {@code client}'s cluster {@code dataset}
     * back, from the staging pool's disk or from tape. The answer is {@link SegmentStart}, DATA frames
     * and END(sha256), or an ERROR frame; the session may fetch any number of segments.
     */
    record FetchSegment(String client, String dataset, String segment) implements Message {
        public FetchSegment {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(segment, "segment");
        }
    }

    /** Media server to agent: segment {@code segment}'s {@code bytes} bytes follow. */
    record SegmentStart(String segment, long bytes, String sha256) implements Message {
        public SegmentStart {
            Objects.requireNonNull(segment, "segment");
            Objects.requireNonNull(sha256, "sha256");
            if (bytes < 0) {
                throw new IllegalArgumentException("byte count " + bytes + " is negative");
            }
        }
    }

    /**
     * Media server to fs-agent, on a session's control channel: back up the tree at {@code root}
     * (bytes, as the file system names it) as dataset {@code dataset}. {@code level} is {@code full}
     * or {@code incremental} (then {@code parentId} is the backup it builds on and the parent's
     * files follow as {@link FileRecords} closed by {@link FileRecordsEnd}); {@code excludes} holds
     * the policy's patterns joined by NUL bytes. The agent streams the archive on the data
     * connection (DATA*, END), reports what it archived as {@link FileRecords} on the control
     * channel, each problem file as a {@link FileWarning} on the error channel, and ends with
     * {@link TreeDone}.
     */
    record TreeBackup(String dataset, byte[] root, String level, long parentId, String compression, byte[] excludes,
            boolean oneFileSystem) implements Message {
        public TreeBackup {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(compression, "compression");
            excludes = excludes == null ? new byte[0] : excludes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TreeBackup t && dataset.equals(t.dataset) && java.util.Arrays.equals(root, t.root)
                    && level.equals(t.level) && parentId == t.parentId && compression.equals(t.compression)
                    && java.util.Arrays.equals(excludes, t.excludes) && oneFileSystem == t.oneFileSystem;
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(root) * 31 + dataset.hashCode();
        }
    }

    /** A batch of file records, on a file-tree session's control channel (either direction). */
    record FileRecords(java.util.List<FileRecord> records) implements Message {
        public FileRecords {
            records = java.util.List.copyOf(records);
        }
    }

    /** Ends a run of {@link FileRecords}: {@code count} records were sent. */
    record FileRecordsEnd(long count) implements Message {
    }

    /**
     * Fs-agent to media server, on the control channel after the archive's END (or after a
     * restore): {@code files} objects and {@code bytes} payload bytes, {@code warnings} warnings.
     */
    record TreeDone(long files, long bytes, long warnings) implements Message {
    }

    /** Fs-agent to media server, on the error channel: a file it could not archive or restore as it was. */
    record FileWarning(byte[] path, String text) implements Message {
        public FileWarning {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FileWarning w && java.util.Arrays.equals(path, w.path) && text.equals(w.text);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(path) * 31 + text.hashCode();
        }
    }

    /**
     * Media server to fs-agent, on the control channel: restore backup {@code backupId} into
     * {@code target}, only {@code paths} (NUL-joined; empty: all), over a non-empty target only
     * when {@code force}. The {@code archives} archives of its chain follow on the data
     * connection, the full first, each as {@link RestoreStart}, DATA*, END; the agent ends with
     * {@link TreeDone} on the control channel.
     */
    record TreeRestore(long backupId, byte[] target, byte[] paths, boolean force, int archives) implements Message {
        public TreeRestore {
            Objects.requireNonNull(target, "target");
            paths = paths == null ? new byte[0] : paths;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TreeRestore t && backupId == t.backupId && java.util.Arrays.equals(target, t.target)
                    && java.util.Arrays.equals(paths, t.paths) && force == t.force && archives == t.archives;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(backupId) * 31 + java.util.Arrays.hashCode(target);
        }
    }

    /**
     * Db-agent to media server, inside a PostgreSQL backup stream just before its END: where the
     * backup lies in the WAL (unsigned LSNs), on which timeline, from which server version. The
     * catalog records them with the backup, so a restore knows which WAL to fetch.
     */
    record WalPosition(long startLsn, long endLsn, int timeline, String serverVersion) implements Message {
        public WalPosition {
            Objects.requireNonNull(serverVersion, "serverVersion");
            nonNegative("timeline", timeline);
        }
    }

    /**
     * Agent to media server, first on a session's STP connection: send bytes {@code [offset,
     * offset+length)} of backup {@code backupId}'s payload (a FUSE read of one file of an archive).
     * The answer is as for {@link RestoreBackup}: {@link RestoreStart} with {@code bytes} the range's
     * length (shorter at the payload's end) and an empty {@code sha256}, DATA*, END with the range's
     * SHA-256; every block is checked on the way.
     */
    record ReadBackup(long backupId, long offset, long length) implements Message {
        public ReadBackup {
            if (backupId <= 0 || offset < 0 || length < 0) {
                throw new IllegalArgumentException("read of backup " + backupId + " at " + offset + " for " + length
                        + " bytes: expected a positive id and a non-negative offset and length");
            }
        }
    }

    private static void nonNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " " + value + " is negative");
        }
    }
}
