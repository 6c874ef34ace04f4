package org.lanfree.media.staging;

import java.util.regex.Pattern;

/**
 * The key of a stream in a staging pool: one or more names joined by {@code /}, such as
 * {@code pg-main/wal} or {@code pg-main/wal/tl2}. Each name starts with a letter or digit and holds
 * letters, digits, {@code .}, {@code _} and {@code -}; the key is also the stream's folder and the
 * prefix of its members in a tape archive.
 */
public record StreamKey(String value) implements Comparable<StreamKey> {

    static final int MAX_LENGTH = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public StreamKey {
        if (value == null || value.length() > MAX_LENGTH || value.startsWith("/") || value.endsWith("/")) {
            throw invalid(value);
        }
        for (String part : value.split("/", -1)) {
            if (!NAME.matcher(part).matches()) {
                throw invalid(value);
            }
        }
    }

    public static StreamKey valueOf(String value) {
        return new StreamKey(value);
    }

    /** Checks a segment name: one name as in a key, e.g. {@code 000000010000000000000003.partial}. */
    static String checkSegment(StreamKey stream, String segment) {
        if (segment == null || !NAME.matcher(segment).matches()) {
            throw new IllegalArgumentException("segment name '" + segment + "' of stream " + stream + " is not"
                    + " valid: expected 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit;"
                    + " HINT: WAL segments are named like 000000010000000000000003");
        }
        return segment;
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("stream key '" + value + "' is not valid: expected names of letters,"
                + " digits, '.', '_' or '-' joined by '/', at most " + MAX_LENGTH + " characters; HINT: use the"
                + " client and stream name, e.g. pg-main/wal");
    }

    @Override
    public int compareTo(StreamKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
