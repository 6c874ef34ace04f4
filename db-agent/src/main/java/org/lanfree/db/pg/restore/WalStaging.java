package org.lanfree.db.pg.restore;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.lanfree.connect.session.SegmentFetcher;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.WireException;
import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.db.pg.wal.WalSegments;

/**
 * Fetches a cluster's archived WAL segments from the media server into a folder, one after the
 * other from a start LSN, until the media server has no more or the segment holding a stop LSN
 * is in. The newest segment may exist only as {@code .partial}; it is staged under its plain
 * name, as recovery asks for it, and ends the run.
 */
public final class WalStaging {

    private final SegmentFetcher fetcher;
    private final String dataset;
    private final WalSegments segments;

    public WalStaging(SegmentFetcher fetcher, String dataset, WalSegments segments) {
        this.fetcher = fetcher;
        this.dataset = dataset;
        this.segments = segments;
    }

    /** @param stop the last LSN needed, or null for all there is; returns how many segments were staged */
    public int stage(int timeline, Lsn start, Lsn stop, Path dir) throws IOException {
        Files.createDirectories(dir);
        int staged = 0;
        for (Lsn at = segments.segmentStart(start); stop == null || !stop.isBefore(at); at = at.plus(segments.size())) {
            String name = segments.fileName(timeline, at);
            if (fetch(name, name, dir)) {
                staged++;
                continue;
            }
            if (fetch(name + ".partial", name, dir)) {
                staged++;
            }
            break;
        }
        return staged;
    }

    /** True when the media server had {@code segment}; written atomically as {@code as}. */
    private boolean fetch(String segment, String as, Path dir) throws IOException {
        Path tmp = dir.resolve(as + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            fetcher.fetch(dataset, segment, out);
        } catch (WireException e) {
            Files.deleteIfExists(tmp);
            if (e.peerCode().orElse(null) == ErrorCode.REFUSED && e.getMessage().contains("has no segment")) {
                return false;
            }
            throw e;
        }
        Files.move(tmp, dir.resolve(as), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
