package org.lanfree.media.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Pools and cartridges: adding tapes, taking a scratch tape into a pool (several media servers
 * may ask at once: the pick skips rows another is taking), state changes, and returning tapes
 * whose data all expired to scratch.
 */
public final class Cartridges {

    private final Db db;
    private final Clock clock;

    Cartridges(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The pool {@code name}, created when missing; an existing pool of another kind is refused. */
    public Pool ensurePool(String name, Pool.Kind kind, String description) {
        Names.require("pool name", name, Names.NAME);
        if (kind == Pool.Kind.SCRATCH && !Pool.SCRATCH.equals(name)) {
            throw CatalogException.refused("pool " + name + ": only the pool named scratch is a scratch pool");
        }
        return db.tx(h -> {
            Optional<Pool> existing = pool(h, name);
            if (existing.isPresent()) {
                if (existing.get().kind() != kind) {
                    throw CatalogException.refused("pool " + name + " exists as a " + Codes.of(existing.get().kind())
                            + " pool, expected " + Codes.of(kind));
                }
                return existing.get();
            }
            h.createUpdate("INSERT INTO pools (name, kind, description, created_at) VALUES (:name, :kind, :description, :now)")
                    .bind("name", name).bind("kind", Codes.of(kind)).bind("description", description)
                    .bind("now", Rows.at(clock.instant())).execute();
            return pool(h, name).orElseThrow();
        });
    }

    public List<Pool> pools() {
        return db.read(h -> h.createQuery("SELECT name, kind, description FROM pools ORDER BY name")
                .map((rs, ctx) -> new Pool(rs.getString("name"), Rows.code(rs, "kind", Pool.Kind.class),
                        rs.getString("description"))).list());
    }

    /** Adds a new cartridge: to {@code scratch} it comes as a scratch tape, to another pool as filling. */
    public Cartridge add(String barcode, String pool, long capacityBytes) {
        Names.require("barcode", barcode, Names.BARCODE);
        if (capacityBytes <= 0) {
            throw CatalogException.refused("cartridge " + barcode + ": capacity " + capacityBytes + " bytes, expected more than 0");
        }
        return db.tx(h -> {
            Pool p = pool(h, pool).orElseThrow(() -> CatalogException.refused("cartridge " + barcode + ": pool '" + pool
                    + "' does not exist; HINT: create it with ensurePool"));
            if (p.kind() == Pool.Kind.DISK) {
                throw CatalogException.refused("cartridge " + barcode + ": pool " + pool + " is a disk pool, expected scratch or tape");
            }
            if (byBarcode(h, barcode).isPresent()) {
                throw CatalogException.refused("cartridge " + barcode + " is in the catalog already; expected a new barcode");
            }
            h.createUpdate("INSERT INTO cartridges (barcode, pool, state, capacity_bytes, added_at)"
                            + " VALUES (:barcode, :pool, :state, :capacity, :now)")
                    .bind("barcode", barcode).bind("pool", pool)
                    .bind("state", p.kind() == Pool.Kind.SCRATCH ? "scratch" : "filling")
                    .bind("capacity", capacityBytes).bind("now", Rows.at(clock.instant())).execute();
            return byBarcode(h, barcode).orElseThrow();
        });
    }

    public Optional<Cartridge> get(String barcode) {
        return db.read(h -> byBarcode(h, barcode));
    }

    public Cartridge require(String barcode) {
        return get(barcode).orElseThrow(() -> CatalogException.refused("cartridge " + barcode
                + " is not in the catalog; HINT: list tapes shows the barcodes"));
    }

    /** Every cartridge, or those of one pool (null: all), by barcode. */
    public List<Cartridge> list(String pool) {
        return db.read(h -> h.createQuery(Cartridge.SELECT + (pool == null ? "" : " WHERE pool = :pool")
                + " ORDER BY barcode").bind("pool", pool).map((rs, ctx) -> Cartridge.read(rs)).list());
    }

    /**
     * Takes a scratch cartridge that sits in {@code library} into {@code pool}, the lowest barcode
     * first; empty when there is none (the job then waits with a mount request).
     */
    public Optional<Cartridge> takeScratch(String library, String pool) {
        return db.tx(h -> {
            Pool p = pool(h, pool).orElseThrow(() -> CatalogException.refused("pool '" + pool + "' does not exist"));
            if (p.kind() != Pool.Kind.TAPE) {
                throw CatalogException.refused("pool " + pool + " is a " + Codes.of(p.kind()) + " pool, expected a tape pool");
            }
            Optional<String> barcode = h.createQuery("SELECT barcode FROM cartridges t WHERE pool = 'scratch'"
                            + " AND state = 'scratch' AND write_protected = FALSE"
                            + " AND (barcode IN (SELECT barcode FROM slots WHERE library = :library AND barcode IS NOT NULL)"
                            + " OR barcode IN (SELECT barcode FROM drives WHERE library = :library AND barcode IS NOT NULL))"
                            + " ORDER BY barcode FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED")
                    .bind("library", library).mapTo(String.class).findOne();
            barcode.ifPresent(b -> h.createUpdate("UPDATE cartridges SET pool = :pool, state = 'filling' WHERE barcode = :barcode")
                    .bind("pool", pool).bind("barcode", b).execute());
            return barcode.map(b -> byBarcode(h, b).orElseThrow());
        });
    }

    /** Sets a cartridge's state (filling to full at end of tape, damaged after a bad read, retired). */
    public Cartridge setState(String barcode, Cartridge.State state) {
        if (state == Cartridge.State.SCRATCH) {
            throw CatalogException.refused("cartridge " + barcode + ": use returnToScratch to make it scratch");
        }
        return update(barcode, "UPDATE cartridges SET state = :value WHERE barcode = :barcode", Codes.of(state));
    }

    public Cartridge writeProtect(String barcode, boolean on) {
        return update(barcode, "UPDATE cartridges SET write_protected = :value WHERE barcode = :barcode", on);
    }

    /** Cartridges outside scratch that hold no live backup and no live WAL: what delete obsolete may recycle. */
    public List<Cartridge> recyclable() {
        return db.read(h -> h.createQuery(Cartridge.SELECT + " WHERE pool <> 'scratch' AND state IN ('filling', 'full')"
                        + " AND live_backups = 0 AND live_wal_ranges = 0 AND used_bytes > 0 ORDER BY barcode")
                .map((rs, ctx) -> Cartridge.read(rs)).list());
    }

    /**
     * Returns a cartridge whose data all expired to the scratch pool, empty: its expired sections
     * and WAL ranges lose their tape location (the backups stay listed as expired).
     */
    public Cartridge returnToScratch(String barcode) {
        return db.tx(h -> {
            Cartridge c = byBarcode(h, barcode).orElseThrow(() -> CatalogException.refused("cartridge " + barcode
                    + " is not in the catalog"));
            if (c.liveBackups() > 0 || c.liveWalRanges() > 0) {
                throw CatalogException.refused("cartridge " + barcode + " still holds " + c.liveBackups() + " live backup(s) and "
                        + c.liveWalRanges() + " live WAL range(s); expected none; HINT: delete obsolete expires what retention allows");
            }
            if (c.state() == Cartridge.State.DAMAGED || c.state() == Cartridge.State.RETIRED) {
                throw CatalogException.refused("cartridge " + barcode + " is " + Codes.of(c.state()) + "; expected filling or full");
            }
            h.createUpdate("DELETE FROM backup_sections WHERE barcode = :barcode").bind("barcode", barcode).execute();
            h.createUpdate("DELETE FROM wal_ranges WHERE barcode = :barcode AND expired_at IS NOT NULL").bind("barcode", barcode).execute();
            h.createUpdate("UPDATE cartridges SET pool = 'scratch', state = 'scratch', used_bytes = 0, tape_files = 0"
                    + " WHERE barcode = :barcode").bind("barcode", barcode).execute();
            return byBarcode(h, barcode).orElseThrow();
        });
    }

    static void requireWritable(Handle h, String barcode, String writer) {
        Cartridge c = byBarcode(h, barcode).orElseThrow(() -> CatalogException.refused(writer + ": cartridge " + barcode
                + " is not in the catalog; HINT: add it with Cartridges.add"));
        if (c.writeProtected()) {
            throw CatalogException.refused(writer + ": cartridge " + barcode + " is write-protected; expected a writable cartridge");
        }
        if (c.state() != Cartridge.State.FILLING && c.state() != Cartridge.State.SCRATCH) {
            throw CatalogException.refused(writer + ": cartridge " + barcode + " is " + Codes.of(c.state())
                    + "; expected scratch or filling");
        }
    }

    /** Counts a tape file written to the cartridge: its bytes, the file count, the time. */
    static void recordWrite(Handle h, TapeFile tapeFile, Instant now) {
        h.createUpdate("UPDATE cartridges SET used_bytes = used_bytes + :bytes,"
                        + " tape_files = CASE WHEN tape_files > :file THEN tape_files ELSE :file + 1 END,"
                        + " last_written_at = :now, state = CASE WHEN state = 'scratch' THEN 'filling' ELSE state END"
                        + " WHERE barcode = :barcode")
                .bind("bytes", tapeFile.bytes()).bind("file", tapeFile.fileNumber()).bind("now", Rows.at(now))
                .bind("barcode", tapeFile.barcode()).execute();
    }

    static Optional<Cartridge> byBarcode(Handle h, String barcode) {
        return h.createQuery(Cartridge.SELECT + " WHERE barcode = :barcode").bind("barcode", barcode)
                .map((rs, ctx) -> Cartridge.read(rs)).findOne();
    }

    private static Optional<Pool> pool(Handle h, String name) {
        return h.createQuery("SELECT name, kind, description FROM pools WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> new Pool(rs.getString("name"), Rows.code(rs, "kind", Pool.Kind.class),
                        rs.getString("description"))).findOne();
    }

    private Cartridge update(String barcode, String sql, Object value) {
        return db.tx(h -> {
            int n = h.createUpdate(sql).bind("value", value).bind("barcode", barcode).execute();
            if (n == 0) {
                throw CatalogException.refused("cartridge " + barcode + " is not in the catalog");
            }
            return byBarcode(h, barcode).orElseThrow();
        });
    }
}
