package org.lanfree.media.catalog;

/** What a dataset is, and so what its backups hold: a directory tree, a PostgreSQL cluster, an H2 database. */
public enum BackupKind {
    FS,
    PG,
    H2;

    /** The catalog's and the JSON output's name: "fs", "pg", "h2". */
    public String code() {
        return Codes.of(this);
    }

    public static BackupKind ofCode(String code) {
        return Codes.parse(BackupKind.class, code);
    }
}
