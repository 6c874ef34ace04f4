package org.lanfree.media.staging;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A disk staging pool: a folder where streams land as segments, durable before they are
 * acknowledged, and from where {@link #migrate} moves them to tape in batches. Readers find a segment
 * on disk or on tape and get its bytes only after its SHA-256 matched. Layout:
 *
 * <pre>
 * lock                             held by the process that has the pool open
 * manifest                         the checksummed record log ({@link Manifest}, {@link ManifestRecord})
 * segments/STREAM/NAME@SEQ         a segment on disk (STREAM is the key's path, e.g. pg-main/wal)
 * segments/STREAM/.NAME@SEQ.tmp    a segment being written
 * tmp/                             segments read back from tape, checked before they are handed out
 * </pre>
 *
 * A segment name is written once; only names ending in {@code .partial} may be written again, the
 * newer replacing the older. Thread-safe: streams append at once, and migration runs beside them.
 */
public final class DiskStagingPool implements Closeable {

    static final String SEGMENTS = "segments";
    static final String TMP = "tmp";
    private static final Logger log = LoggerFactory.getLogger(DiskStagingPool.class);

    private final Path dir;
    private final StagingPolicy policy;
    private final Clock clock;
    private final PoolIndex index = new PoolIndex();
    private final Map<Long, SegmentWriter> writers = new HashMap<>();
    private final Map<Long, Long> writing = new HashMap<>();
    private final Object migrationLock = new Object();
    private FileChannel lockFile;
    private Manifest manifest;
    private long usedBytes;
    private boolean closed;

    private DiskStagingPool(Path dir, StagingPolicy policy, Clock clock) {
        this.dir = dir;
        this.policy = policy;
        this.clock = clock;
    }

    public static DiskStagingPool open(Path dir, StagingPolicy policy) throws IOException {
        return open(dir, policy, Clock.systemUTC());
    }

    /** Opens (or creates) the pool in {@code dir}, completing or removing what a crash left behind. */
    public static DiskStagingPool open(Path dir, StagingPolicy policy, Clock clock) throws IOException {
        DiskStagingPool pool = new DiskStagingPool(dir, policy, clock);
        try {
            pool.start();
        } catch (IOException | RuntimeException e) {
            pool.closeQuietly(e);
            throw e;
        }
        return pool;
    }

    private void start() throws IOException {
        Files.createDirectories(dir);
        lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StagingException(StagingException.Reason.BUSY, "pool " + dir + " is already open"
                    + " (its lock file is held, here or by another process); HINT: one media server owns a staging"
                    + " pool; close it before opening it again");
        }
        manifest = Manifest.open(dir, index::apply);
        Durable.createDirectories(dir, dir.resolve(SEGMENTS));
        Durable.createDirectories(dir, dir.resolve(TMP));
        new PoolRecovery(this).run();
        usedBytes = index.diskBytes().values().stream().mapToLong(Long::longValue).sum();
        log.info("staging: pool {} open: {} streams, {} bytes on disk, policy {}", dir, index.streams().size(),
                usedBytes, policy);
    }

    public Path folder() {
        return dir;
    }

    public StagingPolicy policy() {
        return policy;
    }

    /** Stores a whole segment from {@code data}; returns once it is durable. Same bytes again: no change. */
    public Segment append(StreamKey stream, String segment, InputStream data) throws IOException {
        return new Appends(this).append(stream, segment, data);
    }

    /** Stores a whole segment from the remaining bytes of {@code data}; returns once it is durable. */
    public Segment append(StreamKey stream, String segment, ByteBuffer data) throws IOException {
        return new Appends(this).append(stream, segment, data);
    }

    static boolean replaceable(String segment) {
        return segment.endsWith(".partial");
    }

    /** Starts writing a segment in pieces. */
    public SegmentWriter openSegment(StreamKey stream, String segment) throws IOException {
        StreamKey.checkSegment(stream, segment);
        Path folder = streamFolder(stream);
        Durable.createDirectories(dir.resolve(SEGMENTS), folder);
        synchronized (this) {
            checkOpen();
            Optional<Segment> existing = index.segment(stream, segment);
            if (existing.isPresent() && !replaceable(segment)) {
                throw Appends.conflict(existing.get(), "a new writer");
            }
            for (SegmentWriter w : writers.values()) {
                if (w.stream().equals(stream) && w.name().equals(segment)) {
                    throw new StagingException(StagingException.Reason.BUSY, w + " is still open, cannot open a"
                            + " second one; HINT: commit or close the first writer");
                }
            }
            long seq = index.nextSeq();
            SegmentWriter w = new SegmentWriter(this, stream, segment, seq, folder.resolve(tempName(segment, seq)));
            writers.put(seq, w);
            writing.put(seq, 0L);
            return w;
        }
    }

    /** The stream's segments by name, with where each one is. */
    public synchronized List<Segment> list(StreamKey stream) {
        return index.list(stream);
    }

    public synchronized Optional<Segment> segment(StreamKey stream, String name) {
        return index.segment(stream, name);
    }

    public synchronized SortedSet<StreamKey> streams() {
        return index.streams();
    }

    /** Bytes on disk by stream: stored segments and segments being written. */
    public synchronized Map<StreamKey, Long> usage() {
        Map<StreamKey, Long> usage = index.diskBytes();
        writing.forEach((seq, n) -> usage.merge(writers.get(seq).stream(), n, Long::sum));
        return usage;
    }

    /** Bytes on disk, the figure the policy's {@code maxBytes} limits. */
    public synchronized long usedBytes() {
        return usedBytes;
    }

    /**
     * Reads a segment from disk if it is there, else from tape through {@code tape}. Every byte is
     * checked against the segment's SHA-256 before the first one is returned.
     */
    public InputStream open(StreamKey stream, String name, TapeSource tape) throws IOException {
        return new SegmentReader(this).open(segment(stream, name).orElseThrow(() -> new StagingException(
                StagingException.Reason.NOT_FOUND, "stream " + stream + " has no segment " + name + "; it has "
                + list(stream).size() + " segments; HINT: list the stream to see which it holds")), tape);
    }

    /** Whether a migration is due: a batch's worth of bytes waits, or the oldest waiting segment is old enough. */
    public synchronized boolean migrationDue() {
        List<Segment> pending = index.pending(Long.MAX_VALUE);
        long bytes = pending.stream().mapToLong(Segment::bytes).sum();
        return !pending.isEmpty() && (bytes >= policy.batchBytes()
                || !pending.get(0).added().plus(policy.maxAge()).isAfter(clock.instant()));
    }

    /** Writes the oldest segments not yet on tape as one tape file, then drops local copies the policy does not keep. */
    public MigrationResult migrate(TapeTarget target) throws IOException {
        synchronized (migrationLock) {
            synchronized (this) {
                checkOpen();
            }
            return new Migration(this).run(target);
        }
    }

    Path streamFolder(StreamKey stream) {
        return dir.resolve(SEGMENTS).resolve(stream.value());
    }

    Path file(Segment s) {
        return streamFolder(s.stream()).resolve(s.name() + "@" + s.seq());
    }

    static String tempName(String segment, long seq) {
        return "." + segment + "@" + seq + ".tmp";
    }

    Clock clock() {
        return clock;
    }

    synchronized Optional<ManifestRecord.Flushed> flushed(long seq) {
        return index.flushed(seq);
    }

    synchronized List<Segment> pending() {
        return index.pending(policy.batchBytes());
    }

    synchronized List<Segment> droppable() {
        return index.droppable(policy);
    }

    /** Of segments whose DROP records were just applied, those still current; their bytes leave the usage. */
    synchronized List<Segment> dropped(List<Segment> segments) {
        List<Segment> gone = segments.stream().filter(s -> index.segment(s.stream(), s.name())
                .map(c -> c.seq() == s.seq() && !c.onDisk()).orElse(false)).toList();
        gone.forEach(s -> usedBytes -= s.bytes());
        return gone;
    }

    /** The index for the recovery, which runs before the pool is shared. */
    PoolIndex indexForRecovery() {
        return index;
    }

    synchronized void reserve(SegmentWriter w, long n) throws StagingException {
        checkOpen();
        if (usedBytes + n > policy.maxBytes()) {
            throw new StagingException(StagingException.Reason.QUOTA_EXCEEDED, w + ": writing " + n + " more bytes"
                    + " would bring pool " + dir + " to " + (usedBytes + n) + " bytes; its quota (maxBytes) is "
                    + policy.maxBytes() + "; the write was refused and earlier segments are intact; HINT: migrate"
                    + " to tape so migrated segments can leave the disk, or raise maxBytes");
        }
        usedBytes += n;
        writing.merge(w.seq(), n, Long::sum);
    }

    synchronized void release(SegmentWriter w, long n) {
        usedBytes -= n;
        writing.merge(w.seq(), -n, Long::sum);
    }

    StagingException writeFailure(String what, IOException e) {
        boolean full = Durable.diskFull(e);
        return new StagingException(full ? StagingException.Reason.DISK_FULL : StagingException.Reason.DAMAGED,
                what + " in pool " + dir + " failed: " + e.getMessage() + "; the segment was not stored, earlier"
                + " segments are intact; HINT: " + (full ? "free space on the pool's file system or migrate to tape"
                : "check the disk under the pool"), e);
    }

    void recordFlush(ManifestRecord.Flushed flushed) throws IOException {
        manifest.append(List.of(flushed));
        synchronized (this) {
            index.apply(flushed);
        }
    }

    void record(List<? extends ManifestRecord> records) throws IOException {
        manifest.append(records);
        synchronized (this) {
            records.forEach(index::apply);
        }
    }

    /** Puts a complete, fsynced temp file in place and records it; a replaced older version is deleted. */
    Segment install(SegmentWriter writer, StreamKey stream, String name, long seq, Path temp, long bytes,
            String sha256) throws IOException {
        Path target = temp.resolveSibling(name + "@" + seq);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            Durable.syncDirectory(target.getParent());
            ManifestRecord.Added added = new ManifestRecord.Added(seq, stream, name, bytes, sha256, clock.instant());
            manifest.append(List.of(added));
            Segment old;
            synchronized (this) {
                old = index.segment(stream, name).filter(Segment::onDisk).orElse(null);
                index.apply(added);
                usedBytes += bytes - (old == null ? 0 : old.bytes());
                if (writer != null) {
                    usedBytes -= writing.remove(seq);
                    writers.remove(seq);
                }
            }
            if (old != null) {
                Files.deleteIfExists(file(old));
            }
            return segment(stream, name).orElseThrow();
        } catch (IOException e) {
            if (writer != null) {
                forget(writer);
            }
            throw e;
        }
    }

    /** A writer closed without commit: its flushed prefix becomes {@code NAME.partial}, the rest goes. */
    void abandon(SegmentWriter writer, StreamKey stream, String name, long seq, Path temp, long bytes)
            throws IOException {
        try {
            Optional<ManifestRecord.Flushed> flushed = flushed(seq);
            if (flushed.isPresent()) {
                new PoolRecovery(this).salvage(temp, flushed.get());
            } else {
                Files.deleteIfExists(temp);
            }
        } finally {
            forget(writer);
        }
    }

    private synchronized void forget(SegmentWriter writer) {
        Long n = writing.remove(writer.seq());
        usedBytes -= n == null ? 0 : n;
        writers.remove(writer.seq());
    }

    private void checkOpen() throws StagingException {
        if (closed) {
            throw new StagingException(StagingException.Reason.CLOSED, "pool " + dir + " is closed; HINT: open it"
                    + " again");
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeQuietly(null);
    }

    private void closeQuietly(Exception failure) throws IOException {
        IOException first = null;
        for (Closeable c : new Closeable[] {manifest, lockFile}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
