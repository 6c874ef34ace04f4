package org.lanfree.db.tar;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes one tar archive to an output stream as the data comes: either whole members built
 * here ({@link #beginMember}, {@link #write}, {@link #endMember}) or blocks of members that
 * are already in tar form ({@link #writeMemberBlocks}). {@link #finish} writes the two zero
 * blocks that end the archive; the stream itself is left open.
 */
public final class TarWriter {

    private static final byte[] ZEROS = new byte[TarHeader.BLOCK * 2];

    private final OutputStream out;
    private long written;
    private String member;
    private long memberSize;
    private long memberWritten;
    private boolean finished;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts a regular file of exactly {@code size} bytes, mode {@code 0600}. */
    public void beginMember(String name, long size, long mtimeSeconds) {
        checkNoMember("begin member '" + name + "'");
        emit(TarHeader.regularFile(name, size, 0600, mtimeSeconds), 0, TarHeader.BLOCK);
        member = name;
        memberSize = size;
        memberWritten = 0;
    }

    /** The next bytes of the current member. */
    public void write(byte[] data, int off, int len) {
        if (member == null) {
            throw new IllegalStateException("tar write of " + len + " bytes with no member begun");
        }
        if (memberWritten + len > memberSize) {
            throw new IllegalStateException("tar member '" + member + "' was declared with " + memberSize
                    + " bytes, but " + (memberWritten + len) + " were written");
        }
        emit(data, off, len);
        memberWritten += len;
    }

    /** Writes zeros up to the declared size, then the padding to the next block. */
    public void endMember() {
        if (member == null) {
            throw new IllegalStateException("tar endMember with no member begun");
        }
        while (memberWritten < memberSize) {
            int n = (int) Math.min(ZEROS.length, memberSize - memberWritten);
            emit(ZEROS, 0, n);
            memberWritten += n;
        }
        int pad = (int) (TarHeader.padded(memberSize) - memberSize);
        emit(ZEROS, 0, pad);
        member = null;
    }

    /** A whole member in one call. */
    public void addMember(String name, byte[] data, long mtimeSeconds) {
        beginMember(name, data.length, mtimeSeconds);
        write(data, 0, data.length);
        endMember();
    }

    /** Bytes that are already tar blocks (headers and padded data of complete members). */
    public void writeMemberBlocks(byte[] data, int off, int len) {
        checkNoMember("copy archive blocks");
        emit(data, off, len);
    }

    /** Ends the archive with two zero blocks and flushes. */
    public void finish() {
        checkNoMember("finish the archive");
        if (written % TarHeader.BLOCK != 0) {
            throw new IllegalStateException("tar archive of " + written + " bytes ends inside a block");
        }
        emit(ZEROS, 0, ZEROS.length);
        finished = true;
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("flushing the tar stream: " + e.getMessage(), e);
        }
    }

    /** Bytes written to the stream so far. */
    public long bytesWritten() {
        return written;
    }

    private void checkNoMember(String what) {
        if (finished) {
            throw new IllegalStateException("cannot " + what + ": the archive is finished");
        }
        if (member != null) {
            throw new IllegalStateException("cannot " + what + " while member '" + member + "' is open ("
                    + memberWritten + " of " + memberSize + " bytes written)");
        }
    }

    private void emit(byte[] data, int off, int len) {
        try {
            out.write(data, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the tar stream at byte " + written + ": " + e.getMessage(), e);
        }
        written += len;
    }
}
