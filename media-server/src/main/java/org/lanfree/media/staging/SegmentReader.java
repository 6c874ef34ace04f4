package org.lanfree.media.staging;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a segment for reading where it is: from its file on disk (checked in a first pass, then
 * streamed and checked again at its end), or from tape (its archive member copied to the pool's
 * {@code tmp/} folder while hashed, and handed out only when the SHA-256 matched). A mismatch, a
 * damaged tape block or a short archive fails with {@link StagingException.Reason#DAMAGED}, naming the
 * segment and where it was read from.
 */
final class SegmentReader {

    private static final Logger log = LoggerFactory.getLogger(SegmentReader.class);
    private static final int BUFFER = 1 << 20;

    private final DiskStagingPool pool;

    SegmentReader(DiskStagingPool pool) {
        this.pool = pool;
    }

    InputStream open(Segment s, TapeSource tape) throws IOException {
        if (s.onDisk()) {
            Path file = pool.file(s);
            try {
                return fromDisk(s, file, FileChannel.open(file, StandardOpenOption.READ));
            } catch (NoSuchFileException e) {
                Optional<Segment> now = pool.segment(s.stream(), s.name());
                if (now.isEmpty() || now.get().onDisk()) {
                    throw damaged(s, "disk file " + file, "the file is missing", e);
                }
                s = now.get();
            }
        }
        TapeCopy copy = s.tape().orElseThrow();
        if (tape == null) {
            throw new StagingException(StagingException.Reason.NOT_FOUND, s + " is only on " + copy.describe()
                    + ", and no tape source was given; HINT: pass a TapeSource that mounts the cartridge");
        }
        return fromTape(s, copy, tape);
    }

    private InputStream fromDisk(Segment s, Path file, FileChannel ch) throws IOException {
        try {
            String where = "disk file " + file;
            InputStream in = Channels.newInputStream(ch);
            MessageDigest d = Digests.sha256();
            long n = copy(in, OutputStream.nullOutputStream(), d, Long.MAX_VALUE);
            check(s, where, n, Digests.hex(d.digest()));
            ch.position(0);
            return new Checked(Channels.newInputStream(ch), s, where);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private InputStream fromTape(Segment s, TapeCopy copy, TapeSource tape) throws IOException {
        String where = copy.describe() + " at archive offset " + copy.offset();
        Path spool = Files.createTempFile(pool.folder().resolve(DiskStagingPool.TMP), s.seq() + "-", ".seg");
        try {
            MessageDigest d = Digests.sha256();
            long n;
            try (InputStream archive = tape.open(copy.tapeFile(), copy.sections());
                    OutputStream out = Files.newOutputStream(spool)) {
                archive.skipNBytes(copy.offset());
                n = copy(archive, out, d, s.bytes());
            } catch (EOFException e) {
                throw damaged(s, where, "the archive ends before the segment's " + s.bytes() + " bytes", e);
            } catch (StagingException e) {
                throw e;
            } catch (IOException e) {
                throw damaged(s, where, e.getMessage(), e);
            }
            check(s, where, n, Digests.hex(d.digest()));
            log.debug("staging: {} read back from {}", s, where);
            return Files.newInputStream(spool, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    private static long copy(InputStream in, OutputStream out, MessageDigest d, long limit) throws IOException {
        byte[] buf = new byte[BUFFER];
        long n = 0;
        while (n < limit) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, limit - n));
            if (r < 0) {
                if (limit != Long.MAX_VALUE) {
                    throw new EOFException("end of stream after " + n + " of " + limit + " bytes");
                }
                break;
            }
            d.update(buf, 0, r);
            out.write(buf, 0, r);
            n += r;
        }
        return n;
    }

    private static void check(Segment s, String where, long bytes, String sha256) throws StagingException {
        if (bytes != s.bytes() || !sha256.equals(s.sha256())) {
            throw damaged(s, where, "read " + bytes + " bytes with SHA-256 " + sha256 + ", expected " + s.bytes()
                    + " bytes with SHA-256 " + s.sha256(), null);
        }
    }

    private static StagingException damaged(Segment s, String where, String problem, Throwable cause) {
        return new StagingException(StagingException.Reason.DAMAGED, s + " read from " + where + " is damaged: "
                + problem + "; no byte of it was returned; HINT: " + (where.startsWith("disk")
                ? "if it is also on tape, the tape copy can be read after the disk copy is dropped"
                : "the data is lost from this tape; look for another copy"), cause);
    }

    /** Streams an already checked file and checks it again at its end, in case it changed meanwhile. */
    private static final class Checked extends FilterInputStream {
        private final MessageDigest digest = Digests.sha256();
        private final Segment segment;
        private final String where;
        private long bytes;
        private boolean verified;

        Checked(InputStream in, Segment segment, String where) {
            super(in);
            this.segment = segment;
            this.where = where;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                bytes += n;
            } else if (n < 0 && !verified) {
                check(segment, where, bytes, Digests.hex(digest.digest()));
                verified = true;
            }
            return n;
        }

        /** Skips by reading, so that the skipped bytes are hashed too. */
        @Override
        public long skip(long n) throws IOException {
            byte[] scratch = new byte[(int) Math.min(BUFFER, Math.max(n, 1))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }
    }
}
