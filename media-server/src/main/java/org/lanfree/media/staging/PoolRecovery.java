package org.lanfree.media.staging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the segment folders agree with the manifest when a pool opens, and keeps the flushed part of
 * a segment whose writer went away. A file the manifest does not list as on disk was never acknowledged
 * (or was dropped or replaced) and is deleted. A temp file with a {@code PART} record is cut back to
 * its flushed length, checked against the recorded SHA-256, and kept as {@code NAME.partial}; one without
 * is deleted. A flushed prefix that fails its check is renamed {@code .NAME@SEQ.damaged} and left for
 * the administrator.
 */
final class PoolRecovery {

    private static final Logger log = LoggerFactory.getLogger(PoolRecovery.class);

    private final DiskStagingPool pool;

    PoolRecovery(DiskStagingPool pool) {
        this.pool = pool;
    }

    void run() throws IOException {
        Path root = pool.folder().resolve(DiskStagingPool.SEGMENTS);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            check(root, f);
        }
        for (Segment s : pool.indexForRecovery().all()) {
            if (s.onDisk() && !Files.exists(pool.file(s))) {
                log.error("staging: {} is recorded on disk as {}, but the file is missing; reading it will fail;"
                        + " HINT: restore the file or check the disk", s, pool.file(s));
            }
        }
        try (Stream<Path> tmp = Files.list(pool.folder().resolve(DiskStagingPool.TMP))) {
            for (Path p : tmp.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void check(Path root, Path f) throws IOException {
        String file = f.getFileName().toString();
        if (file.endsWith(".damaged")) {
            return;
        }
        boolean temp = file.startsWith(".") && file.endsWith(".tmp");
        String body = temp ? file.substring(1, file.length() - 4) : file;
        int at = body.lastIndexOf('@');
        StreamKey stream;
        long seq;
        try {
            stream = StreamKey.valueOf(root.relativize(f.getParent()).toString());
            seq = Long.parseLong(body.substring(at + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            log.warn("staging: {} is not a segment file of this pool ({}); leaving it alone", f, e.getMessage());
            return;
        }
        String name = body.substring(0, Math.max(at, 0));
        if (temp) {
            Optional<ManifestRecord.Flushed> flushed = pool.flushed(seq)
                    .filter(p -> p.stream().equals(stream) && p.segment().equals(name));
            if (flushed.isPresent()) {
                salvage(f, flushed.get());
            } else {
                log.info("staging: deleting {}: a segment whose writer went away before flushing anything", f);
                Files.delete(f);
            }
            return;
        }
        Optional<Segment> s = pool.indexForRecovery().segment(stream, name);
        if (s.isEmpty() || s.get().seq() != seq || !s.get().onDisk()) {
            log.info("staging: deleting {}: {}", f, s.isEmpty() || s.get().seq() < seq
                    ? "renamed into place but never recorded, so never acknowledged"
                    : "dropped after migration, or replaced by a newer version");
            Files.delete(f);
        }
    }

    /** Keeps the flushed prefix recorded in {@code flushed} of {@code temp} as {@code NAME.partial}. */
    void salvage(Path temp, ManifestRecord.Flushed flushed) throws IOException {
        long size = Files.size(temp);
        String sha = null;
        if (size >= flushed.bytes()) {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.truncate(flushed.bytes());
                ch.force(false);
            }
            sha = Digests.ofFile(temp, flushed.bytes());
        }
        if (!flushed.sha256().equals(sha)) {
            Path damaged = temp.resolveSibling(temp.getFileName().toString().replaceFirst("\\.tmp$", ".damaged"));
            Files.move(temp, damaged, StandardCopyOption.ATOMIC_MOVE);
            log.error("staging: the flushed part of segment {} (#{}) of stream {} is damaged: {} holds {} bytes with"
                    + " SHA-256 {}, the manifest recorded {} bytes with SHA-256 {}; kept as {}; HINT: the disk lost"
                    + " fsynced data; fetch this WAL again from the client if it still has it", flushed.segment(),
                    flushed.seq(), flushed.stream(), temp, size, sha, flushed.bytes(), flushed.sha256(), damaged);
            return;
        }
        String name = DiskStagingPool.replaceable(flushed.segment()) ? flushed.segment()
                : flushed.segment() + ".partial";
        Optional<Segment> newer = pool.segment(flushed.stream(), name).filter(s -> s.seq() > flushed.seq());
        if (newer.isPresent()) {
            log.info("staging: dropping the flushed part of {} (#{}): {} is newer", name, flushed.seq(), newer.get());
            Files.delete(temp);
            return;
        }
        pool.install(null, flushed.stream(), name, flushed.seq(), temp, flushed.bytes(), flushed.sha256());
        log.warn("staging: kept the {} flushed bytes of unfinished segment {} of stream {} as {}", flushed.bytes(),
                flushed.segment(), flushed.stream(), name);
    }
}
