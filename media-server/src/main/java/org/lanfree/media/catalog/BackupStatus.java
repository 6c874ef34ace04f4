package org.lanfree.media.catalog;

/**
 * Where a backup stands. Only {@link #GOOD} and {@link #WARNINGS} backups can be restored; a
 * backup is {@link #RUNNING} until its media server finishes it, so one cut short by a crash
 * is never listed as good.
 */
public enum BackupStatus {
    RUNNING,
    GOOD,
    WARNINGS,
    FAILED,
    DAMAGED,
    EXPIRED;

    public String code() {
        return Codes.of(this);
    }

    /** True for the states a restore may use. */
    public boolean restorable() {
        return this == GOOD || this == WARNINGS;
    }

    /** True for the states a finished backup may end in. */
    public boolean isEnd() {
        return this == GOOD || this == WARNINGS || this == FAILED;
    }

    public static BackupStatus ofCode(String code) {
        return Codes.parse(BackupStatus.class, code);
    }
}
