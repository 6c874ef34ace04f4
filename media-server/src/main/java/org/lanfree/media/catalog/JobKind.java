package org.lanfree.media.catalog;

/** The work a job asks a media server to do. */
public enum JobKind {
    BACKUP,
    RESTORE,
    CROSSCHECK,
    MIGRATE,
    EXPIRE;

    public String code() {
        return Codes.of(this);
    }

    public static JobKind ofCode(String code) {
        return Codes.parse(JobKind.class, code);
    }
}
