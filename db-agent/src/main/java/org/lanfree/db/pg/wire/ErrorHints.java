package org.lanfree.db.pg.wire;

import java.util.Optional;

/**
 * What to do about the server errors a backup agent meets (see the brief's "settings and
 * errors"). Matched on SQLSTATE first, because 17 and later reword messages and quote setting
 * names; the message only tells apart causes that share a SQLSTATE.
 */
final class ErrorHints {

    private ErrorHints() {
    }

    static Optional<String> hintFor(ServerNotice n) {
        String msg = n.message();
        return Optional.ofNullable(switch (n.sqlState()) {
            case "28P01" -> "check the password given for this role";
            case "28000" -> msg.contains("replication")
                    ? "add a line 'host replication <role> <client address>/32 scram-sha-256' to pg_hba.conf,"
                      + " above any line that rejects it, then reload (SELECT pg_reload_conf())"
                    : "add a pg_hba.conf line for this role, database and client address, then reload";
            case "42501" -> msg.contains("could not open") || msg.contains("could not read")
                    ? "the server's OS user cannot read that file in the data directory; give it to the cluster's"
                      + " owner (chown, chmod u+r) or remove it if it does not belong there"
                    : msg.contains("WAL sender") || msg.contains("replication")
                    ? "give the role the replication attribute: ALTER ROLE <role> REPLICATION"
                    : "grant the role the privilege the server names";
            case "53300" -> msg.contains("(currently 0)")
                    ? "this server allows no WAL senders: set wal_level = replica (or logical) and max_wal_senders to"
                      + " at least 2 (each lanfree backup uses 2), then restart it"
                    : msg.contains("max_wal_senders")
                    ? "raise max_wal_senders (each lanfree backup uses 2; a restart is needed) and make sure"
                      + " wal_level is replica or logical, which any max_wal_senders above 0 requires"
                    : "raise max_connections or close idle sessions";
            case "53400" -> "raise max_replication_slots (a restart is needed) or drop unused slots";
            case "55000" -> msg.contains("WAL level") || msg.contains("wal_level")
                    ? "set wal_level = replica (or logical) and restart the server"
                    : null;
            case "3D000" -> "check the database name";
            case "57P03" -> "the server is starting or shutting down; try again in a moment";
            case "58P01" -> msg.contains("WAL segment")
                    ? "the WAL was recycled before it was read: create the replication slot before the backup starts"
                    : null;
            default -> null;
        });
    }

    /** Limits reached and servers starting up pass; wrong passwords and missing settings do not. */
    static boolean retryable(ServerNotice n) {
        String sqlState = n.sqlState();
        if (sqlState.equals("53300") && n.message().contains("(currently 0)")) {
            return false; // no WAL sender will ever be free until the server is reconfigured
        }
        return sqlState.equals("53300") || sqlState.equals("53400") || sqlState.equals("57P03")
                || sqlState.startsWith("08") || sqlState.equals("40001") || sqlState.equals("40P01");
    }
}
