package org.lanfree.fs.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.lanfree.fs.posix.ByteString;

/**
 * The body of a pax extended header: records {@code "LEN KEY=VALUE\n"} where LEN counts the whole
 * record in decimal, itself included. Values are bytes; keys are ASCII, except xattr names, which
 * are carried as GNU tar does ({@code %} and {@code =} written as {@code %25} and {@code %3D}).
 */
final class PaxRecords {

    static final String XATTR = "SCHILY.xattr.";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void add(String key, String value) {
        add(key.getBytes(StandardCharsets.US_ASCII), value.getBytes(StandardCharsets.UTF_8));
    }

    void add(String key, ByteString value) {
        add(key.getBytes(StandardCharsets.US_ASCII), value.toByteArray());
    }

    void addXattr(ByteString name, byte[] value) {
        ByteString key = ByteString.of(XATTR.getBytes(StandardCharsets.US_ASCII)).concat(encodeKeyword(name));
        add(key.toByteArray(), value);
    }

    private void add(byte[] key, byte[] value) {
        int body = 1 + key.length + 1 + value.length + 1;
        int length = body + digits(body);
        if (digits(length) != digits(body)) {
            length = body + digits(length);
        }
        byte[] prefix = (length + " ").getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(prefix);
        out.writeBytes(key);
        out.write('=');
        out.writeBytes(value);
        out.write('\n');
    }

    boolean isEmpty() {
        return out.size() == 0;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    static ByteString encodeKeyword(ByteString name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(name.length());
        for (int i = 0; i < name.length(); i++) {
            byte c = name.byteAt(i);
            if (c == '%') {
                b.writeBytes(new byte[] {'%', '2', '5'});
            } else if (c == '=') {
                b.writeBytes(new byte[] {'%', '3', 'D'});
            } else {
                b.write(c);
            }
        }
        return ByteString.of(b.toByteArray());
    }

    static ByteString decodeKeyword(ByteString key) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(key.length());
        for (int i = 0; i < key.length(); i++) {
            byte c = key.byteAt(i);
            if (c == '%' && i + 2 < key.length() && key.byteAt(i + 1) == '2' && key.byteAt(i + 2) == '5') {
                b.write('%');
                i += 2;
            } else if (c == '%' && i + 2 < key.length() && key.byteAt(i + 1) == '3' && key.byteAt(i + 2) == 'D') {
                b.write('=');
                i += 2;
            } else {
                b.write(c);
            }
        }
        return ByteString.of(b.toByteArray());
    }

    /** {@code seconds.nanoseconds} with exactly nine digits after the point; a leading minus before 1970. */
    static String time(long ns) {
        long abs = Math.abs(ns);
        String frac = Long.toString(abs % 1_000_000_000L);
        return (ns < 0 ? "-" : "") + abs / 1_000_000_000L + "." + "0".repeat(9 - frac.length()) + frac;
    }

    /** Parses a pax time ({@code 123}, {@code 123.5}, {@code -1.25}) into nanoseconds. */
    static long parseTime(String text) {
        boolean negative = text.startsWith("-");
        String t = negative ? text.substring(1) : text;
        int dot = t.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? t : t.substring(0, dot));
        long nanos = 0;
        if (dot >= 0) {
            String frac = (t.substring(dot + 1) + "000000000").substring(0, 9);
            nanos = Long.parseLong(frac);
        }
        long ns = Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        return negative ? -ns : ns;
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }
}
