-- lanfree catalog, schema version 2: views for the common questions (see README.md here).
-- Same dialect rules as V1. Time arithmetic is "n * INTERVAL '1' DAY", durations are
-- EXTRACT(EPOCH FROM a) - EXTRACT(EPOCH FROM b); both mean the same on H2 and PostgreSQL.

-- Every backup with its ancestors: one row per (backup, ancestor), depth 0 being the backup
-- itself. A full has only itself; an incremental reaches its full through its parents.
CREATE VIEW v_backup_chain AS
WITH RECURSIVE chain (backup_id, ancestor_id, depth) AS (
    SELECT id, id, 0 FROM backups
    UNION ALL
    SELECT c.backup_id, b.parent_id, c.depth + 1
    FROM chain c
    JOIN backups b ON b.id = c.ancestor_id
    WHERE b.parent_id IS NOT NULL
)
SELECT backup_id, ancestor_id, depth FROM chain;

CREATE VIEW v_clients AS
SELECT c.id AS client_id,
       c.name AS client,
       c.host,
       c.port,
       c.enabled,
       (SELECT COUNT(*) FROM datasets d WHERE d.client_id = c.id) AS datasets,
       (SELECT COUNT(*) FROM backups b WHERE b.client_id = c.id AND b.status IN ('good', 'warnings')) AS good_backups,
       (SELECT COALESCE(SUM(b.stored_bytes), 0) FROM backups b
         WHERE b.client_id = c.id AND b.status <> 'expired') AS stored_bytes,
       (SELECT MAX(b.ended_at) FROM backups b
         WHERE b.client_id = c.id AND b.status IN ('good', 'warnings')) AS last_good_at
FROM clients c;

CREATE VIEW v_backups AS
SELECT b.id AS backup_id,
       c.name AS client,
       d.name AS dataset,
       b.kind,
       b.level,
       b.parent_id,
       b.status,
       b.bytes,
       b.stored_bytes,
       b.files,
       b.started_at,
       b.ended_at,
       CAST(EXTRACT(EPOCH FROM b.ended_at) - EXTRACT(EPOCH FROM b.started_at) AS BIGINT) AS duration_s,
       b.compression,
       b.pool,
       b.sha256,
       b.start_lsn,
       b.end_lsn,
       b.timeline,
       (SELECT COUNT(*) FROM backup_sections s WHERE s.backup_id = b.id) AS tape_files,
       (SELECT STRING_AGG(s.barcode, ',') FROM backup_sections s WHERE s.backup_id = b.id) AS barcodes,
       b.note
FROM backups b
JOIN clients c ON c.id = b.client_id
JOIN datasets d ON d.id = b.dataset_id;

CREATE VIEW v_backup_contents AS
SELECT f.backup_id,
       c.name AS client,
       d.name AS dataset,
       b.level,
       b.status,
       b.ended_at AS backup_ended_at,
       f.path_head || f.path_tail AS path,
       f.path_text,
       f.state,
       f.type,
       f.size,
       f.mode,
       f.uid,
       f.gid,
       f.mtime_ns,
       f.ctime_ns,
       f.inode,
       f.nlink,
       f.link_target,
       f.archive_offset
FROM file_entries f
JOIN backups b ON b.id = f.backup_id
JOIN clients c ON c.id = b.client_id
JOIN datasets d ON d.id = b.dataset_id;

CREATE VIEW v_tapes AS
SELECT t.barcode,
       t.pool,
       t.state,
       t.capacity_bytes,
       t.used_bytes,
       CAST(100 * t.used_bytes / t.capacity_bytes AS INTEGER) AS pct_used,
       t.tape_files,
       t.write_protected,
       COALESCE(dr.library, sl.library) AS library,
       CASE WHEN dr.drive_no IS NOT NULL THEN 'drive ' || CAST(dr.drive_no AS VARCHAR(11))
            WHEN sl.kind = 'ie' THEN 'ie ' || CAST(sl.slot_no AS VARCHAR(11))
            WHEN sl.slot_no IS NOT NULL THEN 'slot ' || CAST(sl.slot_no AS VARCHAR(11))
            ELSE 'outside' END AS location,
       (SELECT COUNT(DISTINCT s.backup_id) FROM backup_sections s JOIN backups b ON b.id = s.backup_id
         WHERE s.barcode = t.barcode AND b.status <> 'expired') AS live_backups,
       (SELECT COUNT(*) FROM wal_ranges w WHERE w.barcode = t.barcode AND w.expired_at IS NULL) AS live_wal_ranges,
       t.last_written_at
FROM cartridges t
LEFT JOIN drives dr ON dr.barcode = t.barcode
LEFT JOIN slots sl ON sl.barcode = t.barcode;

-- Every tape file on every cartridge: backup sections and migrated WAL ranges.
CREATE VIEW v_tape_contents AS
SELECT s.barcode,
       s.file_number,
       s.first_block,
       s.last_block,
       s.bytes,
       'backup' AS content,
       s.backup_id,
       CAST(NULL AS BIGINT) AS wal_range_id,
       c.name AS client,
       d.name AS dataset,
       b.status
FROM backup_sections s
JOIN backups b ON b.id = s.backup_id
JOIN clients c ON c.id = b.client_id
JOIN datasets d ON d.id = b.dataset_id
UNION ALL
SELECT w.barcode,
       w.file_number,
       w.first_block,
       w.last_block,
       w.bytes,
       'wal',
       CAST(NULL AS BIGINT),
       w.id,
       c.name,
       d.name,
       CASE WHEN w.expired_at IS NULL THEN 'good' ELSE 'expired' END
FROM wal_ranges w
JOIN datasets d ON d.id = w.dataset_id
JOIN clients c ON c.id = d.client_id
WHERE w.location = 'tape';

CREATE VIEW v_jobs AS
SELECT j.id AS job_id,
       j.kind,
       j.state,
       c.name AS client,
       d.name AS dataset,
       j.level,
       j.priority,
       j.requested_by,
       j.claimed_by,
       j.queued_at,
       j.claimed_at,
       j.ended_at,
       j.bytes_done,
       j.bytes_total,
       CASE WHEN j.bytes_total > 0 THEN CAST(100 * j.bytes_done / j.bytes_total AS INTEGER) END AS pct_done,
       j.files_done,
       j.mount_request,
       j.mount_requested_at,
       j.backup_id,
       j.error
FROM jobs j
LEFT JOIN clients c ON c.id = j.client_id
LEFT JOIN datasets d ON d.id = j.dataset_id;

-- Datasets of enabled clients whose newest good backup is older than their policy allows.
CREATE VIEW v_need_backup AS
WITH newest AS (
    SELECT dataset_id,
           MAX(ended_at) AS last_backup_at,
           MAX(CASE WHEN level = 'full' THEN ended_at END) AS last_full_at
    FROM backups
    WHERE status IN ('good', 'warnings')
    GROUP BY dataset_id
)
SELECT d.id AS dataset_id,
       c.name AS client,
       d.name AS dataset,
       d.kind,
       p.name AS policy,
       CASE WHEN n.last_full_at IS NULL
              OR (p.full_every_s IS NOT NULL AND n.last_full_at < CURRENT_TIMESTAMP - p.full_every_s * INTERVAL '1' SECOND)
            THEN 'full' ELSE 'incremental' END AS level_due,
       CASE WHEN n.last_backup_at IS NULL THEN 'never backed up'
            WHEN n.last_full_at IS NULL THEN 'no good full backup'
            WHEN p.full_every_s IS NOT NULL AND n.last_full_at < CURRENT_TIMESTAMP - p.full_every_s * INTERVAL '1' SECOND
            THEN 'full overdue'
            ELSE 'backup overdue' END AS reason,
       n.last_backup_at,
       n.last_full_at,
       CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) - EXTRACT(EPOCH FROM n.last_backup_at) AS BIGINT) AS age_s,
       p.backup_every_s,
       p.full_every_s
FROM datasets d
JOIN clients c ON c.id = d.client_id
JOIN policies p ON p.id = d.policy_id
LEFT JOIN newest n ON n.dataset_id = d.id
WHERE c.enabled
  AND (n.last_backup_at IS NULL
       OR n.last_full_at IS NULL
       OR (p.backup_every_s IS NOT NULL AND n.last_backup_at < CURRENT_TIMESTAMP - p.backup_every_s * INTERVAL '1' SECOND)
       OR (p.full_every_s IS NOT NULL AND n.last_full_at < CURRENT_TIMESTAMP - p.full_every_s * INTERVAL '1' SECOND));

-- Backups a restore inside the recovery window may need: every restorable backup that ended
-- inside the window, the newest one before it (the restore point at the window's start),
-- every running backup, and every ancestor of those (a full is kept while an incremental
-- that is kept depends on it). Datasets without a policy keep everything.
CREATE VIEW v_retained AS
WITH windowed AS (
    SELECT b.id,
           b.dataset_id,
           b.status,
           b.ended_at,
           CASE WHEN p.id IS NULL THEN NULL
                ELSE CURRENT_TIMESTAMP - p.retention_days * INTERVAL '1' DAY END AS cutoff
    FROM backups b
    JOIN datasets d ON d.id = b.dataset_id
    LEFT JOIN policies p ON p.id = d.policy_id
    WHERE b.status IN ('running', 'good', 'warnings')
),
roots AS (
    SELECT id FROM windowed
    WHERE status = 'running' OR cutoff IS NULL OR ended_at >= cutoff
    UNION
    SELECT w.id FROM windowed w
    WHERE w.status <> 'running'
      AND w.ended_at < w.cutoff
      AND NOT EXISTS (SELECT 1 FROM windowed o
                      WHERE o.dataset_id = w.dataset_id AND o.status <> 'running'
                        AND o.ended_at < o.cutoff AND o.ended_at > w.ended_at)
)
SELECT DISTINCT ch.ancestor_id AS backup_id
FROM roots r
JOIN v_backup_chain ch ON ch.backup_id = r.id;

-- Backups that delete obsolete may expire: past their policy's retention and not retained.
CREATE VIEW v_obsolete AS
SELECT b.id AS backup_id,
       c.name AS client,
       d.name AS dataset,
       b.kind,
       b.level,
       b.status,
       b.started_at,
       b.ended_at,
       p.retention_days,
       b.stored_bytes,
       CASE WHEN b.status IN ('failed', 'damaged') THEN 'not restorable, past retention'
            ELSE 'past retention, not needed by a retained backup' END AS reason
FROM backups b
JOIN clients c ON c.id = b.client_id
JOIN datasets d ON d.id = b.dataset_id
JOIN policies p ON p.id = d.policy_id
WHERE b.status IN ('good', 'warnings', 'failed', 'damaged')
  AND COALESCE(b.ended_at, b.started_at) < CURRENT_TIMESTAMP - p.retention_days * INTERVAL '1' DAY
  AND b.id NOT IN (SELECT backup_id FROM v_retained);

-- WAL no restore can use any more: received before the recovery window and ending at or
-- before the start LSN of the oldest retained backup of its cluster. A cluster without a
-- retained backup with a start LSN keeps all its WAL.
CREATE VIEW v_obsolete_wal AS
SELECT w.id AS wal_range_id,
       c.name AS client,
       d.name AS dataset,
       w.timeline,
       w.start_lsn,
       w.end_lsn,
       w.bytes,
       w.location,
       w.barcode,
       w.received_at
FROM wal_ranges w
JOIN datasets d ON d.id = w.dataset_id
JOIN clients c ON c.id = d.client_id
JOIN policies p ON p.id = d.policy_id
WHERE w.expired_at IS NULL
  AND w.received_at < CURRENT_TIMESTAMP - p.retention_days * INTERVAL '1' DAY
  AND w.end_lsn <= (SELECT MIN(b.start_lsn)
                    FROM backups b
                    JOIN v_retained r ON r.backup_id = b.id
                    WHERE b.dataset_id = w.dataset_id AND b.start_lsn IS NOT NULL);

-- Holes in a cluster's WAL on one timeline: the next range starts after the end of the ones
-- before it.
CREATE VIEW v_wal_gaps AS
WITH ordered AS (
    SELECT w.dataset_id,
           w.timeline,
           w.start_lsn,
           MAX(w.end_lsn) OVER (PARTITION BY w.dataset_id, w.timeline ORDER BY w.start_lsn, w.id
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS covered_to
    FROM wal_ranges w
    WHERE w.expired_at IS NULL
)
SELECT o.dataset_id,
       c.name AS client,
       d.name AS dataset,
       o.timeline,
       o.covered_to AS gap_start_lsn,
       o.start_lsn AS gap_end_lsn,
       o.start_lsn - o.covered_to AS gap_bytes
FROM ordered o
JOIN datasets d ON d.id = o.dataset_id
JOIN clients c ON c.id = d.client_id
WHERE o.start_lsn > o.covered_to;

-- Each cluster's timelines with the WAL held for them; a new timeline is a switch (promotion).
CREATE VIEW v_wal_timelines AS
SELECT w.dataset_id,
       c.name AS client,
       d.name AS dataset,
       w.timeline,
       MIN(w.start_lsn) AS first_lsn,
       MAX(w.end_lsn) AS last_lsn,
       COUNT(*) AS ranges,
       SUM(w.bytes) AS bytes,
       SUM(CASE WHEN w.location = 'staging' THEN 1 ELSE 0 END) AS in_staging,
       SUM(CASE WHEN w.location = 'tape' THEN 1 ELSE 0 END) AS on_tape
FROM wal_ranges w
JOIN datasets d ON d.id = w.dataset_id
JOIN clients c ON c.id = d.client_id
WHERE w.expired_at IS NULL
GROUP BY w.dataset_id, c.name, d.name, w.timeline;
