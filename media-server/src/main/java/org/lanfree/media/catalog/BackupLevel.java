package org.lanfree.media.catalog;

/** A full backup stands alone; an incremental holds the changes since its parent. */
public enum BackupLevel {
    FULL,
    INCREMENTAL;

    public String code() {
        return Codes.of(this);
    }

    public static BackupLevel ofCode(String code) {
        return Codes.parse(BackupLevel.class, code);
    }
}
