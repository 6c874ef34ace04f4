package org.lanfree.media.staging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Whole-segment appends: through a {@link SegmentWriter} when the name is new (or a replaceable
 * {@code .partial}); when a write-once segment of that name exists, the offered bytes are only
 * hashed, and the append succeeds without change if they are the same bytes (a client retrying after
 * a lost acknowledgement) and fails with a conflict if not.
 */
final class Appends {

    private final DiskStagingPool pool;

    Appends(DiskStagingPool pool) {
        this.pool = pool;
    }

    /** Stores a whole segment from {@code data}; returns once it is durable. Same bytes again: no change. */
    Segment append(StreamKey stream, String segment, InputStream data) throws IOException {
        Optional<Segment> existing = writeOnce(stream, segment);
        if (existing.isPresent()) {
            MessageDigest d = Digests.sha256();
            long n = 0;
            byte[] buf = new byte[1 << 16];
            for (int r; (r = data.read(buf)) > 0; n += r) {
                d.update(buf, 0, r);
            }
            return same(existing.get(), n, Digests.hex(d.digest()));
        }
        try (SegmentWriter w = pool.openSegment(stream, segment)) {
            byte[] buf = new byte[1 << 20];
            for (int r; (r = data.readNBytes(buf, 0, buf.length)) > 0; ) {
                w.write(buf, 0, r);
            }
            return w.commit();
        }
    }

    /** Stores a whole segment from the remaining bytes of {@code data}; returns once it is durable. */
    Segment append(StreamKey stream, String segment, ByteBuffer data) throws IOException {
        Optional<Segment> existing = writeOnce(stream, segment);
        if (existing.isPresent()) {
            long n = data.remaining();
            MessageDigest d = Digests.sha256();
            d.update(data);
            return same(existing.get(), n, Digests.hex(d.digest()));
        }
        try (SegmentWriter w = pool.openSegment(stream, segment)) {
            w.write(data);
            return w.commit();
        }
    }

    private Optional<Segment> writeOnce(StreamKey stream, String segment) {
        StreamKey.checkSegment(stream, segment);
        return DiskStagingPool.replaceable(segment) ? Optional.empty() : pool.segment(stream, segment);
    }

    private static Segment same(Segment existing, long bytes, String sha256) throws StagingException {
        if (existing.bytes() == bytes && existing.sha256().equals(sha256)) {
            return existing;
        }
        throw conflict(existing, bytes + " bytes with SHA-256 " + sha256);
    }

    static StagingException conflict(Segment existing, String offered) {
        return new StagingException(StagingException.Reason.CONFLICT, existing + " already holds " + existing.bytes()
                + " bytes with SHA-256 " + existing.sha256() + ", offered " + offered + "; HINT: segments are"
                + " written once; a client that rewrites a segment under the same name has a bug or a new timeline");
    }
}
