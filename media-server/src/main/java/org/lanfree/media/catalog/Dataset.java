package org.lanfree.media.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * One thing a client has backed up: a directory tree ({@code fs}, name = its path), a
 * PostgreSQL cluster ({@code pg}, name = how the agent knows it) or an H2 database ({@code h2}).
 *
 * @param policyId the policy that schedules and retains its backups; null keeps them forever
 */
public record Dataset(long id, long clientId, String client, BackupKind kind, String name, Long policyId,
                      Instant createdAt) {

    static final String SELECT = "SELECT d.id, d.client_id, c.name AS client, d.kind, d.name, d.policy_id, d.created_at"
            + " FROM datasets d JOIN clients c ON c.id = d.client_id";

    static Dataset read(ResultSet rs) throws SQLException {
        return new Dataset(rs.getLong("id"), rs.getLong("client_id"), rs.getString("client"),
                Rows.code(rs, "kind", BackupKind.class), rs.getString("name"), Rows.longOrNull(rs, "policy_id"),
                Rows.instant(rs, "created_at"));
    }
}
