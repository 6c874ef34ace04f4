package org.lanfree.db.pg.wire;

/** The {@code replication} startup parameter: which kind of session the server starts. */
public enum ReplicationMode {
    /** An ordinary SQL session (no walsender). */
    NONE(null),
    /** A physical walsender: BASE_BACKUP, START_REPLICATION, slots; pg_hba.conf's {@code replication} lines. */
    PHYSICAL("true"),
    /** A walsender bound to a database, which also accepts SQL; pg_hba.conf's database lines. */
    DATABASE("database");

    private final String startupValue;

    ReplicationMode(String startupValue) {
        this.startupValue = startupValue;
    }

    /** The value sent in the startup message, or null to leave the parameter out. */
    public String startupValue() {
        return startupValue;
    }
}
