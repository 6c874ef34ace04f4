package org.lanfree.db.pg.basebackup;

/**
 * How to ask for a base backup.
 *
 * @param label            the backup label (shows in backup_label and pg_stat_progress_basebackup)
 * @param fastCheckpoint   start with an immediate checkpoint rather than a spread one
 * @param maxRateKbPerSec  server-side rate limit in kB/s (32 to 1048576), or 0 for none
 */
public record BaseBackupOptions(String label, boolean fastCheckpoint, int maxRateKbPerSec) {

    public BaseBackupOptions {
        if (label == null || label.isEmpty() || label.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("backup label must be a non-empty text without NUL, got '" + label + "'");
        }
        if (maxRateKbPerSec != 0 && (maxRateKbPerSec < 32 || maxRateKbPerSec > 1048576)) {
            throw new IllegalArgumentException("MAX_RATE " + maxRateKbPerSec + " kB/s is out of range; expected 0"
                    + " (unlimited) or 32 to 1048576");
        }
    }

    public static BaseBackupOptions labelled(String label) {
        return new BaseBackupOptions(label, true, 0);
    }

    public BaseBackupOptions withMaxRate(int kbPerSec) {
        return new BaseBackupOptions(label, fastCheckpoint, kbPerSec);
    }

    /**
     * The command in the option-list syntax of PostgreSQL 15 and later. WAIT false because our
     * own WAL stream, not the archiver, makes the backup consistent.
     */
    String command() {
        StringBuilder sql = new StringBuilder("BASE_BACKUP (LABEL '").append(label.replace("'", "''")).append('\'')
                .append(", PROGRESS")
                .append(", CHECKPOINT '").append(fastCheckpoint ? "fast" : "spread").append('\'')
                .append(", WAIT false")
                .append(", MANIFEST 'yes'")
                .append(", MANIFEST_CHECKSUMS 'CRC32C'");
        if (maxRateKbPerSec > 0) {
            sql.append(", MAX_RATE ").append(maxRateKbPerSec);
        }
        return sql.append(')').toString();
    }
}
