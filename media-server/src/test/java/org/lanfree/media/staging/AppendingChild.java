package org.lanfree.media.staging;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A child JVM that appends segments to a pool as fast as it can, printing {@code acked STREAM NAME
 * SHA256} after each append returned (the moment a media server would acknowledge it) and
 * {@code flushed STREAM NAME BYTES} after each flush of a segment written in pieces. It runs until it
 * is killed.
 */
public final class AppendingChild {

    private AppendingChild() {
    }

    public static void main(String[] args) throws Exception {
        try (DiskStagingPool pool = DiskStagingPool.open(Path.of(args[0]), StagingPolicy.defaults())) {
            StreamKey whole = StreamKey.valueOf("pg-main/wal");
            StreamKey pieces = StreamKey.valueOf("pg-other/wal");
            for (int i = 0; ; i++) {
                byte[] bytes = StagingFixtures.random(20_000 + (i % 7) * 30_011, i);
                String name = String.format("%024X", i);
                pool.append(whole, name, ByteBuffer.wrap(bytes));
                System.out.println("acked " + whole + " " + name + " " + StagingFixtures.sha256(bytes));
                SegmentWriter w = pool.openSegment(pieces, name);
                for (int p = 0; p < 4; p++) {
                    w.write(StagingFixtures.random(10_000, i * 10L + p), 0, 10_000);
                    System.out.println("flushed " + pieces + " " + name + " " + w.flush());
                }
                w.commit();
                System.out.println("acked " + pieces + " " + name + " " + StagingFixtures.sha256(pieceBytes(i)));
            }
        }
    }

    static byte[] pieceBytes(int i) {
        ByteBuffer all = ByteBuffer.allocate(40_000);
        for (int p = 0; p < 4; p++) {
            all.put(StagingFixtures.random(10_000, i * 10L + p));
        }
        return all.array();
    }
}
