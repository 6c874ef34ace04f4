package org.lanfree.media.staging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes a POSIX (ustar) archive of regular files to a stream, as GNU tar and {@code pax} read it:
 * each member is a 512-byte header, its data, and zeros up to the next 512-byte boundary; the
 * archive ends with two zero blocks. A name longer than 100 bytes, or a size of 8 GiB or more, goes
 * into a pax extended header ({@code typeflag x}, records {@code "LEN path=NAME\n"},
 * {@code "LEN size=N\n"}) before the member. Names are ASCII. Not thread-safe.
 */
final class TarWriter {

    static final int BLOCK = 512;
    private static final int NAME_LENGTH = 100;
    private static final long MAX_OCTAL_SIZE = 077777777777L;
    private static final byte[] ZEROS = new byte[BLOCK];

    private final OutputStream out;
    private long position;
    private long remaining;
    private String member;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far: the archive offset of the next byte. */
    long position() {
        return position;
    }

    /** Writes the header of a regular file (mode 0644, owner 0:0) and returns the offset of its data. */
    long begin(String name, long size, Instant mtime) throws IOException {
        if (member != null) {
            throw new IllegalStateException("tar member " + member + " still expects " + remaining + " bytes");
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        StringBuilder pax = new StringBuilder();
        if (nameBytes.length > NAME_LENGTH) {
            pax.append(paxRecord("path", name));
        }
        if (size > MAX_OCTAL_SIZE) {
            pax.append(paxRecord("size", Long.toString(size)));
        }
        long seconds = Math.max(0, mtime.getEpochSecond());
        if (!pax.isEmpty()) {
            byte[] records = pax.toString().getBytes(StandardCharsets.US_ASCII);
            String paxName = "PaxHeaders/" + name.substring(name.lastIndexOf('/') + 1);
            writeHeader(paxName, records.length, seconds, 'x');
            writeRaw(records, 0, records.length);
            pad(records.length);
        }
        writeHeader(name, Math.min(size, MAX_OCTAL_SIZE), seconds, '0');
        member = name;
        remaining = size;
        if (size == 0) {
            member = null;
        }
        return position;
    }

    /** Writes data of the current member. */
    void write(byte[] bytes, int off, int len) throws IOException {
        if (member == null || len > remaining) {
            throw new IllegalStateException("tar member " + member + " takes " + remaining + " more bytes, got " + len);
        }
        writeRaw(bytes, off, len);
        remaining -= len;
        if (remaining == 0) {
            pad(position);
            member = null;
        }
    }

    /** Ends the archive with two zero blocks. */
    void finish() throws IOException {
        if (member != null) {
            throw new IllegalStateException("tar member " + member + " still expects " + remaining + " bytes");
        }
        writeRaw(ZEROS, 0, BLOCK);
        writeRaw(ZEROS, 0, BLOCK);
    }

    private void writeHeader(String name, long size, long mtime, char type) throws IOException {
        byte[] h = new byte[BLOCK];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, h, 0, Math.min(n.length, NAME_LENGTH));
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        ascii(h, 257, "ustar\0");
        ascii(h, 263, "00");
        ascii(h, 265, "root");
        ascii(h, 297, "root");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        writeRaw(h, 0, BLOCK);
    }

    /** {@code width - 1} octal digits, zero-filled, then NUL. */
    private static void octal(byte[] h, int off, int width, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > width - 1) {
            throw new IllegalArgumentException("tar header field at " + off + " cannot hold " + value
                    + " in " + (width - 1) + " octal digits");
        }
        ascii(h, off, "0".repeat(width - 1 - digits.length()) + digits + "\0");
    }

    private static void ascii(byte[] h, int off, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    /** One pax record: its decimal length (counting itself), a space, key=value and a newline. */
    static String paxRecord(String key, String value) {
        int body = 1 + key.length() + 1 + value.length() + 1;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length = body + Integer.toString(length).length();
        }
        return length + " " + key + "=" + value + "\n";
    }

    private void pad(long length) throws IOException {
        int rest = (int) (length % BLOCK);
        if (rest != 0) {
            writeRaw(ZEROS, 0, BLOCK - rest);
        }
    }

    private void writeRaw(byte[] bytes, int off, int len) throws IOException {
        out.write(bytes, off, len);
        position += len;
    }
}
