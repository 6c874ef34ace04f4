package org.lanfree.media.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A host whose agent lanfree backs up.
 *
 * @param port the agent's well-known port when the media server dials it (file agents); null
 *             for agents that call in (database agents)
 */
public record Client(long id, String name, String host, Integer port, boolean enabled,
                     Instant registeredAt, Instant updatedAt) {

    static Client read(ResultSet rs) throws SQLException {
        return new Client(rs.getLong("id"), rs.getString("name"), rs.getString("host"), Rows.intOrNull(rs, "port"),
                rs.getBoolean("enabled"), Rows.instant(rs, "registered_at"), Rows.instant(rs, "updated_at"));
    }
}
