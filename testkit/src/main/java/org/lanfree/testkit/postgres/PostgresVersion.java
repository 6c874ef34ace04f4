package org.lanfree.testkit.postgres;

import java.nio.file.Path;

/** The PostgreSQL majors lanfree supports, and where each one's binaries may be found. */
public enum PostgresVersion {
    V15(15),
    V16(16),
    V17(17),
    V18(18);

    private final int major;

    PostgresVersion(int major) {
        this.major = major;
    }

    public int major() {
        return major;
    }

    /** Debian's package layout: {@code /usr/lib/postgresql/N/bin}. */
    public Path debianBinDir() {
        return Path.of("/usr/lib/postgresql", Integer.toString(major), "bin");
    }

    /** The Debian package that provides this major's server. */
    public String debianPackage() {
        return "postgresql-" + major;
    }

    /** From 18 on initdb enables data checksums unless told otherwise. */
    boolean checksumsByDefault() {
        return major >= 18;
    }

    /** Parses "17" or "V17". */
    public static PostgresVersion of(String text) {
        String digits = text.startsWith("V") || text.startsWith("v") ? text.substring(1) : text;
        for (PostgresVersion v : values()) {
            if (Integer.toString(v.major).equals(digits)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown PostgreSQL major '" + text + "'; expected one of 15, 16, 17, 18");
    }

    @Override
    public String toString() {
        return "PostgreSQL " + major;
    }
}
