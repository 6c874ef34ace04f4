package org.lanfree.media.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A stored policy: its {@link PolicySpec} with an id and times. */
public record Policy(long id, PolicySpec spec, Instant createdAt, Instant updatedAt) {

    public String name() {
        return spec.name();
    }

    static Policy read(ResultSet rs) throws SQLException {
        Long every = Rows.longOrNull(rs, "backup_every_s");
        Long full = Rows.longOrNull(rs, "full_every_s");
        String excludes = rs.getString("excludes");
        PolicySpec spec = new PolicySpec(rs.getString("name"), rs.getString("pool"), rs.getInt("retention_days"),
                Rows.code(rs, "compression", Compression.class),
                every == null ? null : Duration.ofSeconds(every), full == null ? null : Duration.ofSeconds(full),
                excludes == null || excludes.isEmpty() ? List.of() : List.of(excludes.split("\n")),
                rs.getBoolean("one_file_system"), Rows.intOrNull(rs, "max_rate_kbps"));
        return new Policy(rs.getLong("id"), spec, Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
