package org.lanfree.db.tar;

import java.nio.charset.StandardCharsets;

/**
 * Reads and builds 512-byte ustar headers. Fields used here: name (0, 100), mode (100, 8),
 * uid (108, 8), gid (116, 8), size (124, 12), mtime (136, 12), checksum (148, 8),
 * typeflag (156), magic "ustar\0" (257), version "00" (263).
 */
public final class TarHeader {

    public static final int BLOCK = 512;
    public static final byte REGULAR = '0';

    private TarHeader() {
    }

    /** A header for a regular file; fails when the name does not fit ustar's 100 bytes. */
    public static byte[] regularFile(String name, long size, int mode, long mtimeSeconds) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new IllegalArgumentException("tar member name '" + name + "' has " + nameBytes.length
                    + " bytes; a ustar name holds at most 100");
        }
        if (size < 0 || size >= 1L << 33) {
            throw new IllegalArgumentException("tar member '" + name + "' of " + size
                    + " bytes: expected 0 to 8 GiB - 1 for an octal size field");
        }
        byte[] h = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtimeSeconds);
        h[156] = REGULAR;
        ascii(h, 257, "ustar\0");
        ascii(h, 263, "00");
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        }
        octal(h, 148, 7, sum); // six digits and a NUL, then a space
        h[155] = ' ';
        return h;
    }

    /** The size field: octal digits, or base-256 when the first byte has its high bit set. */
    public static long size(byte[] h, int off) {
        if ((h[off + 124] & 0x80) != 0) {
            long v = h[off + 124] & 0x7F;
            for (int i = 1; i < 12; i++) {
                v = v << 8 | (h[off + 124 + i] & 0xFF);
            }
            return v;
        }
        long v = 0;
        int i = 0;
        while (i < 12 && h[off + 124 + i] == ' ') {
            i++;
        }
        for (; i < 12; i++) {
            byte b = h[off + 124 + i];
            if (b == 0 || b == ' ') {
                break;
            }
            if (b < '0' || b > '7') {
                throw new IllegalArgumentException("tar header of '" + name(h, off) + "' has size byte " + b
                        + " at " + i + ", expected an octal digit");
            }
            v = v * 8 + (b - '0');
        }
        return v;
    }

    /** The name field up to its first NUL. */
    public static String name(byte[] h, int off) {
        int end = off;
        while (end < off + 100 && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    /** True for headers that describe the next member rather than being one: GNU long names (L, K), pax (x, g). */
    public static boolean isExtension(byte[] h, int off) {
        byte type = h[off + 156];
        return type == 'L' || type == 'K' || type == 'x' || type == 'g';
    }

    /** True when the 512 bytes at {@code off} are all zero (an end-of-archive block). */
    public static boolean isZeroBlock(byte[] h, int off) {
        for (int i = off; i < off + BLOCK; i++) {
            if (h[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Bytes of data plus padding to the next block. */
    public static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static void octal(byte[] h, int off, int len, long value) {
        String digits = Long.toOctalString(value);
        int width = len - 1;
        if (digits.length() > width) {
            throw new IllegalArgumentException("value " + value + " does not fit a " + len + "-byte octal tar field");
        }
        String padded = "0".repeat(width - digits.length()) + digits;
        ascii(h, off, padded);
        h[off + width] = 0;
    }

    private static void ascii(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
