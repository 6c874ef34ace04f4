package org.lanfree.fs.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.lanfree.fs.testtree.TestTree.b;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.fs.posix.ByteString;

/** A full backup and two incrementals of one tree, each compared with the one before. */
class ChangeDetectorTest {

    @TempDir
    Path root;

    /** One backup: its fingerprints in walk order, and what the detector said of each path. */
    private record Level(List<Fingerprint> fingerprints, Map<String, String> changes) {
    }

    private Level backup(List<Fingerprint> previous) throws IOException {
        List<Fingerprint> now = new ArrayList<>();
        Map<String, String> changes = new TreeMap<>();
        ChangeDetector detector = new ChangeDetector(previous.iterator(), gone -> changes.put(gone.path().toString(), "DELETED"));
        new TreeWalker(WalkOptions.DEFAULT, (p, m) -> {
            throw new AssertionError(p + ": " + m);
        }).walk(ByteString.of(root.toString()), visit -> {
            Fingerprint f = visit.entry().fingerprint();
            now.add(f);
            ChangeDetector.Change c = detector.classify(f);
            if (c != ChangeDetector.Change.UNCHANGED && !f.path().isEmpty()) {
                changes.put(f.path().toString(), c.name());
            }
        });
        detector.finish();
        return new Level(now, changes);
    }

    @Test
    void findsExactlyTheChangesOfAThreeLevelChain() throws Exception {
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/keep"), "unchanged");
        Files.writeString(root.resolve("a/b/edit"), "v1");
        Files.writeString(root.resolve("a.txt"), "sorts after a/ in tree order");
        Files.writeString(root.resolve("old-name"), "renamed later");
        Files.writeString(root.resolve("chmod-me"), "mode changes");
        Files.createDirectories(root.resolve("gone/deeper"));
        Files.writeString(root.resolve("gone/deeper/f"), "deleted with its directory");

        Level full = backup(List.of());
        assertEquals(Map.of("a", "ADDED", "a/b", "ADDED", "a/b/keep", "ADDED", "a/b/edit", "ADDED", "a.txt", "ADDED",
                "old-name", "ADDED", "chmod-me", "ADDED", "gone", "ADDED", "gone/deeper", "ADDED", "gone/deeper/f", "ADDED"),
                full.changes());

        Files.writeString(root.resolve("a/b/edit"), "v2 is longer");
        Files.move(root.resolve("old-name"), root.resolve("new-name"));
        Files.setPosixFilePermissions(root.resolve("chmod-me"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(root.resolve("a/added"), "new");
        Level first = backup(full.fingerprints());
        assertEquals(Map.of("a", "CHANGED", "a/added", "ADDED", "a/b/edit", "CHANGED", "chmod-me", "CHANGED",
                "new-name", "ADDED", "old-name", "DELETED"), first.changes());

        Files.delete(root.resolve("gone/deeper/f"));
        Files.delete(root.resolve("gone/deeper"));
        Files.delete(root.resolve("gone"));
        Files.delete(root.resolve("a/b/edit"));
        Files.writeString(root.resolve("a/b/edit"), "v2 is longer");
        Files.writeString(root.resolve("zz-last"), "after every deletion", StandardOpenOption.CREATE_NEW);
        Level second = backup(first.fingerprints());
        assertEquals(Map.of("a/b", "CHANGED", "a/b/edit", "CHANGED", "gone", "DELETED", "gone/deeper", "DELETED",
                "gone/deeper/f", "DELETED", "zz-last", "ADDED"), second.changes());
    }

    @Test
    void refusesPreviousEntriesOutOfTreeOrder() {
        Fingerprint a = new Fingerprint(b("a.c"), 0, 0, 0, 0, 0100644, 0, 0);
        Fingerprint ab = new Fingerprint(b("a/b"), 0, 0, 0, 0, 0100644, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChangeDetector(List.of(a, ab).iterator(), f -> { }).classify(a));
        assertEquals(true, e.getMessage().contains("not in tree order"), e.getMessage());
    }
}
