package org.lanfree.media.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Registers and looks up clients by name. */
public final class Clients {

    private static final String COLUMNS = "id, name, host, port, enabled, registered_at, updated_at";

    private final Db db;
    private final Clock clock;

    Clients(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Registers {@code name}, or updates its host and port when it is registered already (a
     * client that moved); either way it is enabled afterwards.
     */
    public Client register(String name, String host, Integer port) {
        Names.require("client name", name, Names.NAME);
        if (host == null || host.isBlank()) {
            throw CatalogException.refused("client " + name + ": host is empty, expected a host name or address");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw CatalogException.refused("client " + name + ": port " + port + " is out of range, expected 1..65535");
        }
        Instant now = clock.instant();
        return db.tx(h -> {
            int updated = h.createUpdate("UPDATE clients SET host = :host, port = :port, enabled = TRUE, updated_at = :now"
                            + " WHERE name = :name")
                    .bind("host", host).bind("port", port).bind("now", Rows.at(now)).bind("name", name)
                    .execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO clients (name, host, port, enabled, registered_at, updated_at)"
                                + " VALUES (:name, :host, :port, TRUE, :now, :now)")
                        .bind("name", name).bind("host", host).bind("port", port).bind("now", Rows.at(now))
                        .execute();
            }
            return h.createQuery("SELECT " + COLUMNS + " FROM clients WHERE name = :name").bind("name", name)
                    .map((rs, ctx) -> Client.read(rs)).one();
        });
    }

    public Optional<Client> find(String name) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM clients WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> Client.read(rs)).findOne());
    }

    /** The client named {@code name}; a {@link CatalogException} naming the registered ones when unknown. */
    public Client require(String name) {
        return find(name).orElseThrow(() -> CatalogException.refused("client '" + name + "' is not registered; registered: "
                + String.join(", ", list().stream().map(Client::name).toList())
                + "; HINT: register it in the media server's configuration"));
    }

    public Optional<Client> get(long id) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM clients WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> Client.read(rs)).findOne());
    }

    public List<Client> list() {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM clients ORDER BY name")
                .map((rs, ctx) -> Client.read(rs)).list());
    }

    /** Disabled clients stay in the catalog with their backups but are never due for backup. */
    public Client setEnabled(String name, boolean enabled) {
        Client c = require(name);
        db.use(h -> h.createUpdate("UPDATE clients SET enabled = :enabled, updated_at = :now WHERE id = :id")
                .bind("enabled", enabled).bind("now", Rows.at(clock.instant())).bind("id", c.id()).execute());
        return get(c.id()).orElseThrow();
    }
}
