package org.lanfree.media.catalog;

import java.util.regex.Pattern;

/**
 * How a backup ended.
 *
 * @param bytes       the archive's size before compression
 * @param storedBytes what it took on tape
 * @param sha256      the archive's SHA-256, 64 lower-case hex digits
 * @param endLsn      PostgreSQL: where the backup ends in the WAL
 * @param note        why it has warnings or failed
 */
public record BackupEnd(BackupStatus status, long bytes, long storedBytes, long files, String sha256, Long endLsn,
                        String note) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public BackupEnd {
        if (status == null || !status.isEnd()) {
            throw CatalogException.refused("a backup cannot end as " + status + ", expected good, warnings or failed");
        }
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw CatalogException.refused("sha256 '" + sha256 + "' is not 64 lower-case hex digits");
        }
        if (bytes < 0 || storedBytes < 0 || files < 0) {
            throw CatalogException.refused("backup end with bytes " + bytes + ", stored " + storedBytes + ", files " + files
                    + "; expected none negative");
        }
    }

    public static BackupEnd good(long bytes, long storedBytes, long files, String sha256) {
        return new BackupEnd(BackupStatus.GOOD, bytes, storedBytes, files, sha256, null, null);
    }

    public static BackupEnd failed(String reason) {
        return new BackupEnd(BackupStatus.FAILED, 0, 0, 0, null, null, reason);
    }

    public BackupEnd withWarnings(String what) {
        return new BackupEnd(BackupStatus.WARNINGS, bytes, storedBytes, files, sha256, endLsn, what);
    }

    public BackupEnd withEndLsn(long lsn) {
        return new BackupEnd(status, bytes, storedBytes, files, sha256, lsn, note);
    }

    static boolean isSha256(String text) {
        return text != null && SHA256.matcher(text).matches();
    }
}
