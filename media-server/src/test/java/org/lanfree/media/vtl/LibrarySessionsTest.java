package org.lanfree.media.vtl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library as the media server's sessions use it: several at once, and across a restart. */
class LibrarySessionsTest {

    private static final int BLOCK = 16 * 1024;

    @TempDir
    Path tmp;

    private LibraryConfig config() {
        return Fixtures.smallLibrary(tmp.resolve("vtl"), 8, 6, BLOCK, 8 << 20, 6 << 20);
    }

    @Test
    void twoSessionsTakeScratchAndWriteOnTwoDrivesAtOnce() throws Exception {
        try (TapeLibrary library = TapeLibrary.open(config())) {
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService sessions = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<Section>>> done = new ArrayList<>();
                for (int d = 0; d < 2; d++) {
                    int drive = d;
                    Callable<List<Section>> session = () -> {
                        Barcode mine = library.takeScratch("pool" + drive);
                        Drive loaded = library.load(mine, drive);
                        together.await(10, TimeUnit.SECONDS);
                        try (TapeFileWriter w = TapeFileWriter.start(loaded, Fixtures.backup("s" + drive, "none"),
                                (full, s) -> null)) {
                            for (int i = 0; i < 40; i++) {
                                w.write(Fixtures.random(10_000, drive * 1000 + i));
                            }
                            return w.finish();
                        }
                    };
                    done.add(sessions.submit(session));
                }
                List<Section> first = done.get(0).get(30, TimeUnit.SECONDS);
                List<Section> second = done.get(1).get(30, TimeUnit.SECONDS);
                assertNotEquals(first.getFirst().barcode(), second.getFirst().barcode());
                for (int d = 0; d < 2; d++) {
                    int drive = d;
                    List<Section> sections = d == 0 ? first : second;
                    byte[] back = Fixtures.readAll(new TapeFileReader(sections, s -> library.drive(drive)));
                    assertEquals(400_000, back.length);
                    assertArrayEquals(Fixtures.random(10_000, drive * 1000 + 39),
                            Arrays.copyOfRange(back, 390_000, 400_000));
                    assertEquals("pool" + d, library.cartridge(sections.getFirst().barcode()).pool());
                }
            } finally {
                sessions.shutdown();
                sessions.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void afterARestartMidBackupTheCartridgeAppendsAfterItsLastCompleteTapeFile() throws IOException {
        byte[] good = Fixtures.random(100_000, 1);
        List<Section> kept;
        TapeLibrary library = TapeLibrary.open(config());
        Barcode tape = library.takeScratch("daily");
        Drive drive = library.load(tape, 0);
        try (TapeFileWriter w = TapeFileWriter.start(drive, Fixtures.backup("good", "none"), (f, s) -> null)) {
            w.write(good);
            kept = w.finish();
        }
        TapeFileWriter interrupted = TapeFileWriter.start(drive, Fixtures.backup("cut", "none"), (f, s) -> null);
        interrupted.write(Fixtures.random(5 * BLOCK, 2));
        library.close();

        try (TapeLibrary again = TapeLibrary.open(config())) {
            assertEquals(1, again.cartridge(tape).tapeFiles());
            Drive d = again.drive(0);
            assertArrayEquals(good, Fixtures.readAll(new TapeFileReader(kept, s -> d)));
            byte[] next = Fixtures.random(3000, 3);
            List<Section> appended;
            try (TapeFileWriter w = TapeFileWriter.start(d, Fixtures.backup("next", "none"), (f, s) -> null)) {
                w.write(next);
                appended = w.finish();
            }
            assertEquals(2, appended.getFirst().fileNumber());
            assertArrayEquals(next, Fixtures.readAll(new TapeFileReader(appended, s -> d)));
        }
    }
}
