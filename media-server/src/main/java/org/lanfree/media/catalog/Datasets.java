package org.lanfree.media.catalog;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Datasets: what each client has backed up, and under which policy. */
public final class Datasets {

    private final Db db;
    private final Clock clock;

    Datasets(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The dataset {@code (client, kind, name)}, created when missing; its policy is set to
     * {@code policy} (a policy name, or null for none) either way.
     */
    public Dataset ensure(String client, BackupKind kind, String name, String policy) {
        if (name == null || name.isEmpty() || name.length() > 1024) {
            throw CatalogException.refused("dataset name '" + name + "' of client " + client
                    + " is empty or longer than 1024 characters");
        }
        return db.tx(h -> {
            long clientId = h.createQuery("SELECT id FROM clients WHERE name = :name").bind("name", client)
                    .mapTo(Long.class).findOne()
                    .orElseThrow(() -> CatalogException.refused("client '" + client + "' is not registered;"
                            + " HINT: register the client before its datasets"));
            Long policyId = policy == null ? null : h.createQuery("SELECT id FROM policies WHERE name = :name")
                    .bind("name", policy).mapTo(Long.class).findOne()
                    .orElseThrow(() -> CatalogException.refused("policy '" + policy + "' does not exist;"
                            + " HINT: create it with Policies.put first"));
            int updated = h.createUpdate("UPDATE datasets SET policy_id = :policy"
                            + " WHERE client_id = :client AND kind = :kind AND name = :name")
                    .bind("policy", policyId).bind("client", clientId).bind("kind", kind.code()).bind("name", name)
                    .execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO datasets (client_id, kind, name, policy_id, created_at)"
                                + " VALUES (:client, :kind, :name, :policy, :now)")
                        .bind("client", clientId).bind("kind", kind.code()).bind("name", name).bind("policy", policyId)
                        .bind("now", Rows.at(clock.instant())).execute();
            }
            return h.createQuery(Dataset.SELECT + " WHERE d.client_id = :client AND d.kind = :kind AND d.name = :name")
                    .bind("client", clientId).bind("kind", kind.code()).bind("name", name)
                    .map((rs, ctx) -> Dataset.read(rs)).one();
        });
    }

    /**
     * The dataset {@code (client, kind, name)} as it is, created without a policy when missing.
     * Unlike {@link #ensure}, an existing dataset keeps its policy: for a client that backs up on
     * its own, which knows nothing of policies.
     */
    public Dataset findOrAdd(String client, BackupKind kind, String name) {
        return list(client).stream().filter(d -> d.kind() == kind && d.name().equals(name)).findFirst()
                .orElseGet(() -> ensure(client, kind, name, null));
    }

    public Optional<Dataset> get(long id) {
        return db.read(h -> byId(h, id));
    }

    public Dataset require(long id) {
        return get(id).orElseThrow(() -> CatalogException.refused("dataset " + id + " does not exist"));
    }

    /** The datasets of {@code client}, or of every client when null. */
    public List<Dataset> list(String client) {
        return db.read(h -> h.createQuery(Dataset.SELECT
                        + (client == null ? "" : " WHERE c.name = :client") + " ORDER BY c.name, d.kind, d.name")
                .bind("client", client).map((rs, ctx) -> Dataset.read(rs)).list());
    }

    static Optional<Dataset> byId(Handle h, long id) {
        return h.createQuery(Dataset.SELECT + " WHERE d.id = :id").bind("id", id).map((rs, ctx) -> Dataset.read(rs)).findOne();
    }
}
