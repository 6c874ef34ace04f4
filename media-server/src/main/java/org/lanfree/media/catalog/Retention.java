package org.lanfree.media.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reports behind {@code report need-backup} and {@code report obsolete}, and {@code delete
 * obsolete}. The rules live in the views, so plain SQL gives the same answers: a backup is
 * obsolete when it is past its policy's retention and no retained backup needs it (retained:
 * those inside the recovery window, the newest before it, running ones, and every ancestor of
 * these, so a full is never expired while a live incremental depends on it); WAL is obsolete
 * when it is older than the window and ends before the oldest retained backup of its cluster.
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Db db;
    private final Clock clock;

    Retention(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Datasets of enabled clients that are due for a backup, by client and dataset. */
    public List<NeedBackup> needBackup() {
        return db.read(h -> h.createQuery("SELECT * FROM v_need_backup ORDER BY client, dataset")
                .map((rs, ctx) -> new NeedBackup(rs.getLong("dataset_id"), rs.getString("client"), rs.getString("dataset"),
                        Rows.code(rs, "kind", BackupKind.class), rs.getString("policy"),
                        Rows.code(rs, "level_due", BackupLevel.class), rs.getString("reason"),
                        Rows.instant(rs, "last_backup_at"), Rows.instant(rs, "last_full_at"), Rows.longOrNull(rs, "age_s")))
                .list());
    }

    /** Backups delete obsolete would expire, oldest first. */
    public List<Obsolete> obsolete() {
        return db.read(h -> h.createQuery("SELECT * FROM v_obsolete ORDER BY started_at, backup_id")
                .map((rs, ctx) -> new Obsolete(rs.getLong("backup_id"), rs.getString("client"), rs.getString("dataset"),
                        Rows.code(rs, "kind", BackupKind.class), Rows.code(rs, "level", BackupLevel.class),
                        Rows.code(rs, "status", BackupStatus.class), Rows.instant(rs, "ended_at"),
                        rs.getInt("retention_days"), rs.getLong("stored_bytes"), rs.getString("reason")))
                .list());
    }

    /** WAL ranges delete obsolete would expire. */
    public List<ObsoleteWal> obsoleteWal() {
        return db.read(h -> h.createQuery("SELECT * FROM v_obsolete_wal ORDER BY dataset, timeline, start_lsn")
                .map((rs, ctx) -> new ObsoleteWal(rs.getLong("wal_range_id"), rs.getString("client"), rs.getString("dataset"),
                        rs.getInt("timeline"), rs.getLong("start_lsn"), rs.getLong("end_lsn"), rs.getLong("bytes"),
                        Rows.code(rs, "location", WalRange.Location.class)))
                .list());
    }

    /**
     * Expires every obsolete backup and WAL range in one transaction, so a crash never leaves a
     * full expired under a live incremental. Cartridges that end up without live data are then
     * listed by {@link Cartridges#recyclable()}.
     */
    public Expired expireObsolete() {
        Instant now = clock.instant();
        Expired expired = db.tx(h -> {
            List<Long> backups = h.createQuery("SELECT backup_id FROM v_obsolete ORDER BY backup_id").mapTo(Long.class).list();
            List<Long> wal = h.createQuery("SELECT wal_range_id FROM v_obsolete_wal ORDER BY wal_range_id").mapTo(Long.class).list();
            for (long id : backups) {
                Backups.expire(h, id, now);
            }
            for (long id : wal) {
                h.createUpdate("UPDATE wal_ranges SET expired_at = :now WHERE id = :id")
                        .bind("now", Rows.at(now)).bind("id", id).execute();
            }
            return new Expired(backups, wal);
        });
        if (!expired.backupIds().isEmpty() || !expired.walRangeIds().isEmpty()) {
            LOG.info("retention: expired backups {} and WAL ranges {}", expired.backupIds(), expired.walRangeIds());
        }
        return expired;
    }
}
