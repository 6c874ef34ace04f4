package org.lanfree.media.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** Creates, updates and reads policies, keyed by name. */
public final class Policies {

    private static final String COLUMNS = "id, name, pool, retention_days, compression, backup_every_s, full_every_s,"
            + " excludes, one_file_system, max_rate_kbps, created_at, updated_at";

    private final Db db;
    private final Clock clock;

    Policies(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates the policy {@code spec.name()}, or replaces its settings when it exists. */
    public Policy put(PolicySpec spec) {
        Instant now = clock.instant();
        return db.tx(h -> {
            requirePool(h, spec);
            int updated = bind(h.createUpdate("UPDATE policies SET pool = :pool, retention_days = :retention,"
                    + " compression = :compression, backup_every_s = :every, full_every_s = :full, excludes = :excludes,"
                    + " one_file_system = :onefs, max_rate_kbps = :rate, updated_at = :now WHERE name = :name"), spec, now)
                    .execute();
            if (updated == 0) {
                bind(h.createUpdate("INSERT INTO policies (name, pool, retention_days, compression, backup_every_s,"
                        + " full_every_s, excludes, one_file_system, max_rate_kbps, created_at, updated_at) VALUES (:name,"
                        + " :pool, :retention, :compression, :every, :full, :excludes, :onefs, :rate, :now, :now)"), spec, now)
                        .execute();
            }
            return byName(h, spec.name()).orElseThrow();
        });
    }

    public Optional<Policy> find(String name) {
        return db.read(h -> byName(h, name));
    }

    public Policy require(String name) {
        return find(name).orElseThrow(() -> CatalogException.refused("policy '" + name + "' does not exist; policies: "
                + String.join(", ", list().stream().map(Policy::name).toList())));
    }

    public Optional<Policy> get(long id) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM policies WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> Policy.read(rs)).findOne());
    }

    public List<Policy> list() {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM policies ORDER BY name")
                .map((rs, ctx) -> Policy.read(rs)).list());
    }

    private static Optional<Policy> byName(Handle h, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM policies WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> Policy.read(rs)).findOne();
    }

    private static void requirePool(Handle h, PolicySpec spec) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM pools WHERE name = :pool AND kind <> 'scratch'")
                .bind("pool", spec.pool()).mapTo(Long.class).one() > 0;
        if (!exists) {
            List<String> pools = h.createQuery("SELECT name FROM pools WHERE kind <> 'scratch' ORDER BY name")
                    .mapTo(String.class).list();
            throw CatalogException.refused("policy " + spec.name() + ": pool '" + spec.pool() + "' is not a tape or disk pool;"
                    + " pools: " + String.join(", ", pools) + "; HINT: create the pool first (Cartridges.ensurePool)");
        }
    }

    private static Update bind(Update u, PolicySpec spec, Instant now) {
        return u.bind("name", spec.name()).bind("pool", spec.pool()).bind("retention", spec.retentionDays())
                .bind("compression", spec.compression().code())
                .bind("every", seconds(spec.backupEvery())).bind("full", seconds(spec.fullEvery()))
                .bind("excludes", spec.excludes().isEmpty() ? null : String.join("\n", spec.excludes()))
                .bind("onefs", spec.oneFileSystem()).bind("rate", spec.maxRateKbps()).bind("now", Rows.at(now));
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }
}
