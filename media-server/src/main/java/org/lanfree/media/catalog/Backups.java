package org.lanfree.media.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Backups and their sections. A backup starts {@code running}, gains one section per tape file
 * it fills, and ends good, with warnings, or failed; crosscheck may later mark it damaged and
 * retention expired. Every change checks the state it starts from.
 */
public final class Backups {

    private final Db db;
    private final Clock clock;

    Backups(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records a new running backup. An incremental's parent must be a restorable backup of the same dataset. */
    public Backup start(BackupStart spec) {
        return db.tx(h -> {
            Dataset d = Datasets.byId(h, spec.datasetId()).orElseThrow(() -> CatalogException.refused(
                    "backup of dataset " + spec.datasetId() + ": no such dataset; HINT: Datasets.ensure creates it"));
            if (spec.parentId() != null) {
                Backup parent = byId(h, spec.parentId()).orElseThrow(() -> CatalogException.refused(
                        "incremental backup of " + d.name() + ": parent backup " + spec.parentId() + " does not exist"));
                if (parent.datasetId() != d.id()) {
                    throw CatalogException.refused("incremental backup of " + d.client() + ":" + d.name() + ": parent backup "
                            + parent.id() + " belongs to dataset " + parent.client() + ":" + parent.dataset()
                            + ", expected the same dataset");
                }
                if (!parent.status().restorable()) {
                    throw CatalogException.refused("incremental backup of " + d.name() + ": parent backup " + parent.id()
                            + " is " + parent.status().code() + ", expected good or warnings; HINT: take a full backup");
                }
            }
            long id = h.createUpdate("INSERT INTO backups (client_id, dataset_id, job_id, kind, level, parent_id, status, pool,"
                            + " compression, label, started_at, start_lsn, timeline, db_version) VALUES (:client, :dataset, :job,"
                            + " :kind, :level, :parent, 'running', :pool, :compression, :label, :now, :lsn, :tli, :version)")
                    .bind("client", d.clientId()).bind("dataset", d.id()).bind("job", spec.jobId())
                    .bind("kind", d.kind().code()).bind("level", spec.level().code()).bind("parent", spec.parentId())
                    .bind("pool", spec.pool()).bind("compression", spec.compression().code()).bind("label", spec.label())
                    .bind("now", Rows.at(clock.instant())).bind("lsn", spec.startLsn()).bind("tli", spec.timeline())
                    .bind("version", spec.dbVersion())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            if (spec.jobId() != null) {
                h.createUpdate("UPDATE jobs SET backup_id = :backup WHERE id = :job")
                        .bind("backup", id).bind("job", spec.jobId()).execute();
            }
            return byId(h, id).orElseThrow();
        });
    }

    /** PostgreSQL: the WAL position and timeline where the running backup starts. */
    public Backup recordStart(long id, long startLsn, int timeline) {
        return db.tx(h -> {
            requireStatus(h, id, "record the start LSN of", BackupStatus.RUNNING);
            h.createUpdate("UPDATE backups SET start_lsn = :lsn, timeline = :tli WHERE id = :id")
                    .bind("lsn", startLsn).bind("tli", timeline).bind("id", id).execute();
            return byId(h, id).orElseThrow();
        });
    }

    /**
     * Records that the running backup filled {@code tapeFile}, as its next section, and adds the
     * bytes to the cartridge's usage. The cartridge must be writable: not full, damaged, retired
     * or write-protected.
     */
    public Section addSection(long backupId, TapeFile tapeFile, String sha256) {
        if (sha256 != null && !BackupEnd.isSha256(sha256)) {
            throw CatalogException.refused("section of backup " + backupId + ": sha256 '" + sha256 + "' is not 64 lower-case hex digits");
        }
        Instant now = clock.instant();
        return db.tx(h -> {
            requireStatus(h, backupId, "add a section to", BackupStatus.RUNNING);
            Cartridges.requireWritable(h, tapeFile.barcode(), "backup " + backupId);
            Optional<Long> holder = h.createQuery("SELECT backup_id FROM backup_sections WHERE barcode = :barcode"
                            + " AND file_number = :file").bind("barcode", tapeFile.barcode()).bind("file", tapeFile.fileNumber())
                    .mapTo(Long.class).findOne();
            if (holder.isPresent()) {
                throw CatalogException.refused("tape file " + tapeFile.fileNumber() + " on " + tapeFile.barcode()
                        + " already holds backup " + holder.get() + "; expected a new tape file for backup " + backupId);
            }
            int next = h.createQuery("SELECT COALESCE(MAX(section_no), 0) + 1 FROM backup_sections WHERE backup_id = :id")
                    .bind("id", backupId).mapTo(Integer.class).one();
            h.createUpdate("INSERT INTO backup_sections (" + Section.COLUMNS + ") VALUES (:backup, :no, :barcode, :file,"
                            + " :first, :last, :blockSize, :bytes, :sha, :now)")
                    .bind("backup", backupId).bind("no", next).bind("barcode", tapeFile.barcode())
                    .bind("file", tapeFile.fileNumber()).bind("first", tapeFile.firstBlock()).bind("last", tapeFile.lastBlock())
                    .bind("blockSize", tapeFile.blockSize()).bind("bytes", tapeFile.bytes()).bind("sha", sha256)
                    .bind("now", Rows.at(now)).execute();
            Cartridges.recordWrite(h, tapeFile, now);
            return new Section(backupId, next, tapeFile, sha256, Rows.micros(now));
        });
    }

    public List<Section> sections(long backupId) {
        return db.read(h -> h.createQuery("SELECT " + Section.COLUMNS + " FROM backup_sections"
                        + " WHERE backup_id = :id ORDER BY section_no")
                .bind("id", backupId).map((rs, ctx) -> Section.read(rs)).list());
    }

    /** Ends a running backup. */
    public Backup finish(long id, BackupEnd end) {
        return db.tx(h -> {
            requireStatus(h, id, "finish", BackupStatus.RUNNING);
            h.createUpdate("UPDATE backups SET status = :status, bytes = :bytes, stored_bytes = :stored, files = :files,"
                            + " sha256 = :sha, end_lsn = COALESCE(:lsn, end_lsn), note = :note, ended_at = :now WHERE id = :id")
                    .bind("status", end.status().code()).bind("bytes", end.bytes()).bind("stored", end.storedBytes())
                    .bind("files", end.files()).bind("sha", end.sha256()).bind("lsn", end.endLsn())
                    .bind("note", Jobs.truncate(end.note())).bind("now", Rows.at(clock.instant())).bind("id", id).execute();
            return byId(h, id).orElseThrow();
        });
    }

    /** Crosscheck or restore found the backup unreadable; {@code reason} names the barcode and block. */
    public Backup markDamaged(long id, String reason) {
        return db.tx(h -> {
            requireStatus(h, id, "mark damaged", BackupStatus.RUNNING, BackupStatus.GOOD, BackupStatus.WARNINGS,
                    BackupStatus.DAMAGED, BackupStatus.FAILED);
            h.createUpdate("UPDATE backups SET status = 'damaged', note = :reason, ended_at = COALESCE(ended_at, :now)"
                            + " WHERE id = :id")
                    .bind("reason", Jobs.truncate(reason)).bind("now", Rows.at(clock.instant())).bind("id", id).execute();
            return byId(h, id).orElseThrow();
        });
    }

    /**
     * Expires one backup. Refused while a running or restorable backup depends on it (an
     * incremental of this chain), since expiring it would make that one unrestorable.
     */
    public Backup markExpired(long id) {
        return db.tx(h -> {
            requireStatus(h, id, "expire", BackupStatus.GOOD, BackupStatus.WARNINGS, BackupStatus.FAILED, BackupStatus.DAMAGED);
            List<Long> dependents = h.createQuery("SELECT c.backup_id FROM v_backup_chain c JOIN backups b ON b.id = c.backup_id"
                            + " WHERE c.ancestor_id = :id AND c.depth > 0 AND b.status IN ('running', 'good', 'warnings')"
                            + " ORDER BY c.backup_id")
                    .bind("id", id).mapTo(Long.class).list();
            if (!dependents.isEmpty()) {
                throw CatalogException.refused("backup " + id + " cannot expire: backups " + dependents
                        + " depend on it; HINT: expire them first, or let delete obsolete decide");
            }
            expire(h, id, clock.instant());
            return byId(h, id).orElseThrow();
        });
    }

    public Optional<Backup> get(long id) {
        return db.read(h -> byId(h, id));
    }

    public Backup require(long id) {
        return get(id).orElseThrow(() -> CatalogException.refused("backup " + id + " does not exist; HINT: list backups shows the ids"));
    }

    /** Backups matching {@code filter}, oldest first. */
    public List<Backup> list(BackupFilter filter) {
        List<String> where = new ArrayList<>();
        if (filter.client() != null) {
            where.add("c.name = :client");
        }
        if (filter.datasetId() != null) {
            where.add("b.dataset_id = :dataset");
        }
        if (filter.kind() != null) {
            where.add("b.kind = :kind");
        }
        if (filter.since() != null) {
            where.add("b.started_at >= :since");
        }
        if (!filter.statuses().isEmpty()) {
            where.add("b.status IN (<statuses>)");
        }
        String sql = Backup.SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY b.started_at, b.id";
        return db.read(h -> {
            Query q = h.createQuery(sql).bind("client", filter.client()).bind("dataset", filter.datasetId())
                    .bind("kind", Codes.of(filter.kind())).bind("since", Rows.at(filter.since()));
            if (!filter.statuses().isEmpty()) {
                q.bindList("statuses", filter.statuses().stream().map(BackupStatus::code).sorted().toList());
            }
            return q.map((rs, ctx) -> Backup.read(rs)).list();
        });
    }

    /** The backup and its ancestors, the full first: what a restore of it reads, in order. */
    public List<Backup> chain(long id) {
        return db.read(h -> h.createQuery("WITH RECURSIVE up (id, depth) AS (SELECT id, 0 FROM backups WHERE id = :id"
                        + " UNION ALL SELECT b.parent_id, up.depth + 1 FROM up JOIN backups b ON b.id = up.id"
                        + " WHERE b.parent_id IS NOT NULL) "
                        + Backup.SELECT + " JOIN up ON up.id = b.id ORDER BY up.depth DESC")
                .bind("id", id).map((rs, ctx) -> Backup.read(rs)).list());
    }

    /** The newest restorable backup of a dataset, the parent a new incremental builds on. */
    public Optional<Backup> latestGood(long datasetId) {
        return db.read(h -> h.createQuery(Backup.SELECT + " WHERE b.dataset_id = :dataset"
                        + " AND b.status IN ('good', 'warnings') ORDER BY b.ended_at DESC, b.id DESC FETCH FIRST 1 ROWS ONLY")
                .bind("dataset", datasetId).map((rs, ctx) -> Backup.read(rs)).findOne());
    }

    static void expire(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE backups SET status = 'expired', expired_at = :now WHERE id = :id")
                .bind("now", Rows.at(now)).bind("id", id).execute();
    }

    static Optional<Backup> byId(Handle h, long id) {
        return h.createQuery(Backup.SELECT + " WHERE b.id = :id").bind("id", id).map((rs, ctx) -> Backup.read(rs)).findOne();
    }

    private static Backup requireStatus(Handle h, long id, String action, BackupStatus... allowed) {
        Backup b = byId(h, id).orElseThrow(() -> CatalogException.refused("cannot " + action + " backup " + id
                + ": no such backup"));
        for (BackupStatus s : allowed) {
            if (b.status() == s) {
                return b;
            }
        }
        throw CatalogException.refused("cannot " + action + " backup " + id + ": it is " + b.status().code()
                + ", expected " + String.join(" or ", Arrays.stream(allowed).map(BackupStatus::code).toList()));
    }
}
