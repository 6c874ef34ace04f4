package org.lanfree.media.server;

import java.util.List;

import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.NeedBackup;
import org.lanfree.media.catalog.Obsolete;
import org.lanfree.media.catalog.ObsoleteWal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code report.need-backup} and {@code report.obsolete}, from the catalog's retention views.
 *
 * <pre>
 * report.need-backup → {datasets: [{datasetId, client, dataset, kind, policy, levelDue, reason, lastBackupAt,
 *                                   lastFullAt, ageSeconds}]}
 * report.obsolete    → {backups: [OBSOLETE...], wal: [WAL...], cartridges: [barcode...]}
 * OBSOLETE = {id, client, dataset, kind, level, status, ended, retentionDays, storedBytes, reason}
 * WAL      = {walRangeId, client, dataset, timeline, startLsn, endLsn, bytes, location}
 * </pre>
 *
 * {@code cartridges} are those delete obsolete would return to scratch: every live backup and WAL
 * range on them is obsolete. The catalog has no method for that forecast, so it is one query here.
 */
final class RetentionReports {

    private static final String FORECAST = "SELECT t.barcode FROM v_tapes t WHERE t.pool <> 'scratch'"
            + " AND t.state IN ('filling', 'full') AND t.used_bytes > 0"
            + " AND NOT EXISTS (SELECT 1 FROM backup_sections s JOIN backups b ON b.id = s.backup_id"
            + " WHERE s.barcode = t.barcode AND b.status <> 'expired'"
            + " AND b.id NOT IN (SELECT backup_id FROM v_obsolete))"
            + " AND NOT EXISTS (SELECT 1 FROM wal_ranges w WHERE w.barcode = t.barcode AND w.expired_at IS NULL"
            + " AND w.id NOT IN (SELECT wal_range_id FROM v_obsolete_wal))"
            + " ORDER BY t.barcode";

    private final Catalog catalog;

    RetentionReports(Catalog catalog) {
        this.catalog = catalog;
    }

    ObjectNode needBackup() {
        ObjectNode out = AdminProtocol.JSON.createObjectNode();
        ArrayNode list = out.putArray("datasets");
        for (NeedBackup n : catalog.retention().needBackup()) {
            list.addObject().put("datasetId", n.datasetId()).put("client", n.client()).put("dataset", n.dataset())
                    .put("kind", n.kind().code()).put("policy", n.policy()).put("levelDue", n.levelDue().code())
                    .put("reason", n.reason()).put("lastBackupAt", BackupListing.text(n.lastBackupAt()))
                    .put("lastFullAt", BackupListing.text(n.lastFullAt())).put("ageSeconds", n.ageSeconds());
        }
        return out;
    }

    /** What delete obsolete would do now. */
    ObjectNode obsolete() {
        ObjectNode out = AdminProtocol.JSON.createObjectNode();
        backups(out.putArray("backups"), catalog.retention().obsolete(), null);
        wal(out.putArray("wal"), catalog.retention().obsoleteWal(), null);
        ArrayNode cartridges = out.putArray("cartridges");
        catalog.jdbi().withHandle(h -> h.createQuery(FORECAST).mapTo(String.class).list()).forEach(cartridges::add);
        return out;
    }

    /** Adds the rows of {@code obsolete} whose id is in {@code only} (null: all). */
    static void backups(ArrayNode list, List<Obsolete> obsolete, List<Long> only) {
        for (Obsolete o : obsolete) {
            if (only == null || only.contains(o.backupId())) {
                list.addObject().put("id", o.backupId()).put("client", o.client()).put("dataset", o.dataset())
                        .put("kind", o.kind().code()).put("level", o.level().code()).put("status", o.status().code())
                        .put("ended", BackupListing.text(o.endedAt())).put("retentionDays", o.retentionDays())
                        .put("storedBytes", o.storedBytes()).put("reason", o.reason());
            }
        }
    }

    static void wal(ArrayNode list, List<ObsoleteWal> obsolete, List<Long> only) {
        for (ObsoleteWal w : obsolete) {
            if (only == null || only.contains(w.walRangeId())) {
                list.addObject().put("walRangeId", w.walRangeId()).put("client", w.client())
                        .put("dataset", w.dataset()).put("timeline", w.timeline()).put("startLsn", w.startLsn())
                        .put("endLsn", w.endLsn()).put("bytes", w.bytes())
                        .put("location", w.location().name().toLowerCase());
            }
        }
    }
}
