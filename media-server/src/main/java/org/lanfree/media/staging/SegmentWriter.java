package org.lanfree.media.staging;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one segment that arrives in pieces, into a temporary file of its stream's folder.
 * {@link #flush()} makes every byte written so far durable (the file and its folder entry fsynced, its
 * length and SHA-256 in the manifest) before it returns, so the caller may acknowledge them.
 * {@link #commit()} renames the file into place and records the segment. {@link #close()} without a
 * commit, or a crash, keeps only the flushed bytes, as segment {@code NAME.partial} (PostgreSQL's name
 * for an unfinished WAL segment); a writer that never flushed leaves nothing. Not thread-safe.
 */
public final class SegmentWriter implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(SegmentWriter.class);

    private enum State { OPEN, FAILED, COMMITTED, CLOSED }

    private final DiskStagingPool pool;
    private final StreamKey stream;
    private final String name;
    private final long seq;
    private final Path temp;
    private final FileChannel channel;
    private final MessageDigest digest;
    private State state = State.OPEN;
    private boolean folderSynced;
    private long bytes;
    private long flushed;

    SegmentWriter(DiskStagingPool pool, StreamKey stream, String name, long seq, Path temp) throws IOException {
        this.pool = pool;
        this.stream = stream;
        this.name = name;
        this.seq = seq;
        this.temp = temp;
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.digest = Digests.sha256();
    }

    public StreamKey stream() {
        return stream;
    }

    public String name() {
        return name;
    }

    /** Bytes written so far. */
    public long bytes() {
        return bytes;
    }

    /** Writes all remaining bytes of {@code src}. */
    public void write(ByteBuffer src) throws IOException {
        check(State.OPEN, "write to it");
        int n = src.remaining();
        pool.reserve(this, n);
        try {
            ByteBuffer hashed = src.duplicate();
            while (src.hasRemaining()) {
                channel.write(src);
            }
            digest.update(hashed);
        } catch (IOException e) {
            state = State.FAILED;
            pool.release(this, n);
            throw pool.writeFailure(this + ": writing " + n + " bytes at offset " + bytes, e);
        }
        bytes += n;
    }

    public void write(byte[] src, int off, int len) throws IOException {
        write(ByteBuffer.wrap(src, off, len));
    }

    /** Makes every byte written so far durable and returns how many there are. */
    public long flush() throws IOException {
        check(State.OPEN, "flush it");
        if (flushed == bytes && folderSynced) {
            return flushed;
        }
        try {
            channel.force(false);
            if (!folderSynced) {
                Durable.syncDirectory(temp.getParent());
                folderSynced = true;
            }
        } catch (IOException e) {
            state = State.FAILED;
            throw pool.writeFailure(this + ": fsync of " + bytes + " bytes", e);
        }
        pool.recordFlush(new ManifestRecord.Flushed(seq, stream, name, bytes, Digests.hex(Digests.copy(digest))));
        flushed = bytes;
        return flushed;
    }

    /** Makes the whole segment durable, puts it in place, records it, and returns it. */
    public Segment commit() throws IOException {
        check(State.OPEN, "commit it");
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            state = State.FAILED;
            throw pool.writeFailure(this + ": fsync of " + bytes + " bytes", e);
        }
        state = State.COMMITTED;
        return pool.install(this, stream, name, seq, temp, bytes, Digests.hex(digest.digest()));
    }

    /** Ends the writer; without a commit only the flushed bytes stay, as {@code NAME.partial}. */
    @Override
    public void close() throws IOException {
        if (state == State.COMMITTED || state == State.CLOSED) {
            state = State.CLOSED;
            return;
        }
        state = State.CLOSED;
        channel.close();
        if (flushed > 0) {
            log.warn("staging: {} closed without commit after {} bytes; keeping its {} flushed bytes as a partial"
                    + " segment", this, bytes, flushed);
        }
        pool.abandon(this, stream, name, seq, temp, bytes);
    }

    private void check(State expected, String what) throws StagingException {
        if (state != expected) {
            throw new StagingException(StagingException.Reason.CLOSED, this + " is " + state.name().toLowerCase()
                    + ", expected open, cannot " + what + "; HINT: open a new writer for the segment");
        }
    }

    long seq() {
        return seq;
    }

    @Override
    public String toString() {
        return "writer of segment " + name + " (#" + seq + ") of stream " + stream;
    }
}
