package org.lanfree.media.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The WAL ranges the media server holds for each PostgreSQL cluster: received into the disk
 * staging pool, migrated to tape in batches, found by restores in either place.
 */
public final class WalRanges {

    private final Db db;
    private final Clock clock;

    WalRanges(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records WAL {@code [startLsn, endLsn)} of timeline {@code timeline}, made durable at {@code stagingPath}. */
    public WalRange add(long datasetId, int timeline, long startLsn, long endLsn, String stagingPath, String sha256) {
        if (Long.compareUnsigned(endLsn, startLsn) <= 0 || timeline < 1) {
            throw CatalogException.refused("WAL range of dataset " + datasetId + ": timeline " + timeline + ", "
                    + Long.toUnsignedString(startLsn) + ".." + Long.toUnsignedString(endLsn)
                    + "; expected timeline >= 1 and end after start");
        }
        if (stagingPath == null || stagingPath.isEmpty()) {
            throw CatalogException.refused("WAL range of dataset " + datasetId + ": no staging path, expected the file holding it");
        }
        if (sha256 != null && !BackupEnd.isSha256(sha256)) {
            throw CatalogException.refused("WAL range of dataset " + datasetId + ": sha256 '" + sha256 + "' is not 64 lower-case hex digits");
        }
        return db.tx(h -> {
            Dataset d = Datasets.byId(h, datasetId).orElseThrow(() -> CatalogException.refused(
                    "WAL range of dataset " + datasetId + ": no such dataset"));
            if (d.kind() != BackupKind.PG) {
                throw CatalogException.refused("WAL range of dataset " + d.client() + ":" + d.name() + ": it is a "
                        + d.kind().code() + " dataset, expected pg");
            }
            long id = h.createUpdate("INSERT INTO wal_ranges (dataset_id, timeline, start_lsn, end_lsn, bytes, location,"
                            + " staging_path, sha256, received_at) VALUES (:dataset, :tli, :start, :end, :bytes, 'staging',"
                            + " :path, :sha, :now)")
                    .bind("dataset", datasetId).bind("tli", timeline).bind("start", startLsn).bind("end", endLsn)
                    .bind("bytes", endLsn - startLsn).bind("path", stagingPath).bind("sha", sha256)
                    .bind("now", Rows.at(clock.instant()))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return byId(h, id).orElseThrow();
        });
    }

    /** The range now lies in {@code tapeFile} (its blocks within it); the staging copy may go. */
    public WalRange migrated(long id, TapeFile tapeFile) {
        Instant now = clock.instant();
        return db.tx(h -> {
            WalRange w = byId(h, id).orElseThrow(() -> CatalogException.refused("WAL range " + id + " does not exist"));
            if (w.location() != WalRange.Location.STAGING || w.expiredAt() != null) {
                throw CatalogException.refused("WAL range " + id + " is " + (w.expiredAt() != null ? "expired" : "on tape")
                        + ", expected a live range in staging");
            }
            Cartridges.requireWritable(h, tapeFile.barcode(), "WAL range " + id);
            h.createUpdate("UPDATE wal_ranges SET location = 'tape', barcode = :barcode, file_number = :file,"
                            + " first_block = :first, last_block = :last, block_size = :blockSize, migrated_at = :now WHERE id = :id")
                    .bind("barcode", tapeFile.barcode()).bind("file", tapeFile.fileNumber())
                    .bind("first", tapeFile.firstBlock()).bind("last", tapeFile.lastBlock())
                    .bind("blockSize", tapeFile.blockSize()).bind("now", Rows.at(now)).bind("id", id).execute();
            return byId(h, id).orElseThrow();
        });
    }

    /**
     * Records that a tape file of migrated WAL was written: its bytes count towards the
     * cartridge's usage once, however many ranges it holds.
     */
    public void recordTapeFile(TapeFile tapeFile) {
        db.use(h -> {
            Cartridges.requireWritable(h, tapeFile.barcode(), "WAL tape file " + tapeFile.fileNumber());
            Cartridges.recordWrite(h, tapeFile, clock.instant());
        });
    }

    /** The live range still in staging whose copy there is {@code stagingPath}, if the catalog has one. */
    public Optional<WalRange> findStaged(String stagingPath) {
        return db.read(h -> h.createQuery("SELECT " + WalRange.COLUMNS + " FROM wal_ranges WHERE staging_path = :path"
                        + " AND location = 'staging' AND expired_at IS NULL ORDER BY id")
                .bind("path", stagingPath).map((rs, ctx) -> WalRange.read(rs)).findFirst());
    }

    public Optional<WalRange> get(long id) {
        return db.read(h -> byId(h, id));
    }

    /** The live ranges of a cluster, by timeline and start. */
    public List<WalRange> list(long datasetId) {
        return db.read(h -> h.createQuery("SELECT " + WalRange.COLUMNS + " FROM wal_ranges"
                        + " WHERE dataset_id = :dataset AND expired_at IS NULL ORDER BY timeline, start_lsn, id")
                .bind("dataset", datasetId).map((rs, ctx) -> WalRange.read(rs)).list());
    }

    /** The live ranges that overlap {@code [fromLsn, toLsn)} on any timeline: what a recovery reads, in order. */
    public List<WalRange> overlapping(long datasetId, long fromLsn, long toLsn) {
        return db.read(h -> h.createQuery("SELECT " + WalRange.COLUMNS + " FROM wal_ranges"
                        + " WHERE dataset_id = :dataset AND expired_at IS NULL AND end_lsn > :from AND start_lsn < :to"
                        + " ORDER BY start_lsn, timeline, id")
                .bind("dataset", datasetId).bind("from", fromLsn).bind("to", toLsn)
                .map((rs, ctx) -> WalRange.read(rs)).list());
    }

    /** Holes between the live ranges of each timeline of a cluster. */
    public List<WalGap> gaps(long datasetId) {
        return db.read(h -> h.createQuery("SELECT dataset_id, timeline, gap_start_lsn, gap_end_lsn FROM v_wal_gaps"
                        + " WHERE dataset_id = :dataset ORDER BY timeline, gap_start_lsn")
                .bind("dataset", datasetId)
                .map((rs, ctx) -> new WalGap(rs.getLong("dataset_id"), rs.getInt("timeline"), rs.getLong("gap_start_lsn"),
                        rs.getLong("gap_end_lsn")))
                .list());
    }

    static Optional<WalRange> byId(Handle h, long id) {
        return h.createQuery("SELECT " + WalRange.COLUMNS + " FROM wal_ranges WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> WalRange.read(rs)).findOne();
    }
}
