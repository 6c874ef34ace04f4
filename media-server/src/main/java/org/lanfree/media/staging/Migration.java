package org.lanfree.media.staging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lanfree.media.vtl.BackupInfo;
import org.lanfree.media.vtl.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One migration: the oldest segments not on tape (up to the policy's batch) go into one tape file
 * whose payload is a plain tar archive of members {@code STREAM/SEGMENT} in age order, then a last
 * member {@code SHA256SUMS} in {@code sha256sum -c} format. Every segment is checked against its
 * SHA-256 while it is copied, so damaged disk data never reaches tape. Once the tape file is final,
 * the manifest records it and each segment's archive offset; only then are local copies dropped
 * beyond what the policy keeps. Backup id: {@code POOL-FIRSTSEQ-EPOCHSECONDS}, kind {@code staging}.
 */
final class Migration {

    static final String SUMS = "SHA256SUMS";
    private static final Logger log = LoggerFactory.getLogger(Migration.class);

    private final DiskStagingPool pool;

    Migration(DiskStagingPool pool) {
        this.pool = pool;
    }

    MigrationResult run(TapeTarget target) throws IOException {
        Map<Segment, FileChannel> batch = openBatch(pool.pending());
        if (batch.isEmpty()) {
            return MigrationResult.nothing();
        }
        try {
            Instant now = pool.clock().instant();
            Segment first = batch.keySet().iterator().next();
            String id = pool.policy().name() + "-" + first.seq() + "-" + now.getEpochSecond();
            BackupInfo info = new BackupInfo(id, pool.policy().name(), "staging", "migration", now, "none");
            Map<Segment, Long> offsets = new LinkedHashMap<>();
            long[] archiveBytes = new long[1];
            List<Section> sections = target.write(info, out -> {
                TarWriter tar = new TarWriter(out);
                StringBuilder sums = new StringBuilder();
                for (Map.Entry<Segment, FileChannel> e : batch.entrySet()) {
                    Segment s = e.getKey();
                    offsets.put(s, tar.begin(s.member(), s.bytes(), s.added()));
                    copy(s, e.getValue(), tar);
                    sums.append(s.sha256()).append("  ").append(s.member()).append('\n');
                }
                byte[] text = sums.toString().getBytes(StandardCharsets.US_ASCII);
                tar.begin(SUMS, text.length, now);
                tar.write(text, 0, text.length);
                tar.finish();
                archiveBytes[0] = tar.position();
            });
            List<ManifestRecord> records = new ArrayList<>();
            records.add(new ManifestRecord.TapeFile(id, sections));
            offsets.forEach((s, off) -> records.add(new ManifestRecord.OnTape(s.seq(), s.stream(), s.name(), id, off)));
            pool.record(records);
            TapeCopy where = new TapeCopy(id, sections, 0);
            log.info("staging: migrated {} segments ({} archive bytes) to {}", offsets.size(), archiveBytes[0],
                    where.describe());
            return new MigrationResult(id, sections, List.copyOf(offsets.keySet()), archiveBytes[0], drop());
        } finally {
            for (FileChannel ch : batch.values()) {
                ch.close();
            }
        }
    }

    /** Opens every segment of the batch first: one replaced meanwhile (a newer .partial) stays out. */
    private Map<Segment, FileChannel> openBatch(List<Segment> pending) throws IOException {
        Map<Segment, FileChannel> open = new LinkedHashMap<>();
        try {
            for (Segment s : pending) {
                try {
                    open.put(s, FileChannel.open(pool.file(s), StandardOpenOption.READ));
                } catch (NoSuchFileException e) {
                    log.info("staging: {} was replaced before migration could read it; it stays out of this batch", s);
                }
            }
        } catch (IOException | RuntimeException e) {
            for (FileChannel ch : open.values()) {
                ch.close();
            }
            throw e;
        }
        return open;
    }

    private void copy(Segment s, FileChannel ch, TarWriter tar) throws IOException {
        MessageDigest d = Digests.sha256();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long left = s.bytes();
        while (left > 0) {
            buf.clear().limit((int) Math.min(buf.capacity(), left));
            if (ch.read(buf) < 0) {
                break;
            }
            buf.flip();
            d.update(buf.duplicate());
            tar.write(buf.array(), 0, buf.limit());
            left -= buf.limit();
        }
        String sha = Digests.hex(d.digest());
        if (left > 0 || ch.size() != s.bytes() || !sha.equals(s.sha256())) {
            throw new StagingException(StagingException.Reason.DAMAGED, s + " in " + pool.file(s) + " is damaged: "
                    + "it holds " + ch.size() + " bytes" + (left > 0 ? "" : " with SHA-256 " + sha) + ", expected "
                    + s.bytes() + " bytes with SHA-256 " + s.sha256() + "; the migration was abandoned and nothing"
                    + " of it counts as on tape; HINT: the disk under the pool corrupted it");
        }
    }

    /** Records and deletes the local copies the policy does not keep. */
    private List<Segment> drop() throws IOException {
        List<Segment> drop = pool.droppable();
        if (drop.isEmpty()) {
            return List.of();
        }
        pool.record(drop.stream().map(s -> (ManifestRecord) new ManifestRecord.Dropped(s.seq(), s.stream(), s.name()))
                .toList());
        List<Segment> gone = pool.dropped(drop);
        for (Segment s : gone) {
            Files.deleteIfExists(pool.file(s));
        }
        log.info("staging: dropped the local copies of {} segments now on tape", gone.size());
        return gone;
    }
}
