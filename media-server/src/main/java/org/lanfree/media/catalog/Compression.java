package org.lanfree.media.catalog;

/** How a policy compresses the archive on tape. */
public enum Compression {
    NONE,
    ZSTD,
    LZ4;

    public String code() {
        return Codes.of(this);
    }

    public static Compression ofCode(String code) {
        return Codes.parse(Compression.class, code);
    }
}
