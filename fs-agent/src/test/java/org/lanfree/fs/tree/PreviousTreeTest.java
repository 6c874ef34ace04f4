package org.lanfree.fs.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.testtree.Commands;

class PreviousTreeTest {

    @TempDir
    Path temp;

    /** Names where tree order and plain byte order part: '/' sorts below every byte, bytes past 0x7f above ASCII. */
    private static final List<ByteString> IN_TREE_ORDER = List.of(
            ByteString.EMPTY,
            ByteString.of("a"),
            ByteString.of("a/b"),
            ByteString.of("a/b/c"),
            ByteString.of("a/b-"),
            ByteString.of("a/bb"),
            ByteString.of(new byte[] {'a', '/', (byte) 0xc3, (byte) 0xa9}),
            ByteString.of("a-"),
            ByteString.of("a-/x"),
            ByteString.of("a.c"),
            ByteString.of("a0"),
            ByteString.of("b"),
            ByteString.of(new byte[] {(byte) 0x80}),
            ByteString.of(new byte[] {(byte) 0xff}),
            ByteString.of(new byte[] {(byte) 0xff, '/', 'z'}),
            ByteString.of(new byte[] {(byte) 0xff, (byte) 0xff}));

    @Test
    void namesComeBackInTreeOrderWhateverOrderTheyWereAddedInAndAcrossManyRuns() throws Exception {
        List<ByteString> shuffled = new ArrayList<>(IN_TREE_ORDER);
        Collections.shuffle(shuffled, new Random(7));
        // runs of about two fingerprints, merged three at a time: several merge passes
        try (PreviousTree tree = new PreviousTree(temp, 300, 3)) {
            for (ByteString p : shuffled) {
                tree.add(fingerprint(p, p.length()));
            }
            List<ByteString> out = new ArrayList<>();
            Iterator<Fingerprint> it = tree.inTreeOrder();
            while (it.hasNext()) {
                Fingerprint f = it.next();
                assertEquals(f.path().length(), f.size(), "the facts travel with their path");
                out.add(f.path());
            }
            assertEquals(IN_TREE_ORDER, out);
            assertTrue(Files.list(temp).count() == 1, "one spool folder");
        }
        assertEquals(0, Files.list(temp).count(), "close deletes the spooled runs");
    }

    @Test
    void aSmallTreeIsSortedInMemory() throws Exception {
        try (PreviousTree tree = new PreviousTree(temp, PreviousTree.RUN_BYTES, PreviousTree.FAN_IN)) {
            for (ByteString p : IN_TREE_ORDER.reversed()) {
                tree.add(fingerprint(p, 1));
            }
            List<ByteString> out = new ArrayList<>();
            tree.inTreeOrder().forEachRemaining(f -> out.add(f.path()));
            assertEquals(IN_TREE_ORDER, out);
        }
    }

    /** Keeping the 100,000 fingerprints (some 300 bytes each) on the heap would need more than the 32 MiB given. */
    @Test
    void aHundredThousandFingerprintsInRandomOrderAreSortedInThirtyTwoMebibytesOfHeap() throws Exception {
        Path spool = Files.createDirectory(temp.resolve("spool"));
        String classpath = location(PreviousTree.class) + File.pathSeparator + location(PreviousTreeAsChild.class);

        String output = Commands.run(temp, ProcessHandle.current().info().command().orElseThrow(), "-Xmx32m",
                "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + spool, "-cp", classpath, PreviousTreeAsChild.class.getName(),
                "100000");

        assertTrue(output.contains("sorted=100000 ordered=true facts=true"), output);
        assertEquals(0, Files.list(spool).count(), "the child's spool files are deleted");
    }

    static Fingerprint fingerprint(ByteString path, long size) {
        return new Fingerprint(path, size, 2, 3, 4, 0100644, 5, 6);
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
