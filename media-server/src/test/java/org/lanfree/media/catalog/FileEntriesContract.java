package org.lanfree.media.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** File entries: exact bytes, batches, listing by path prefix, long paths, and the merged tree of a chain. */
abstract class FileEntriesContract extends CatalogContract {

    private static final byte[] NOT_UTF8 = {'/', 's', 'r', 'v', '/', 'c', 'a', 'f', (byte) 0xE9, ' ', '\n', (byte) 0xFF, (byte) 0xFE};

    @Test
    void everyFieldRoundTripsIncludingPathsThatAreNotUtf8() {
        Backup b = runningBackup();
        FileEntry odd = new FileEntry(NOT_UTF8, FileEntry.State.ADDED, FileEntry.Type.SYMLINK, 17, 0120777, 4_000_000_000L,
                65534, 1_700_000_000_123_456_789L, 1_700_000_001_987_654_321L, -2L, 1, 0,
                new byte[] {'.', '.', '/', (byte) 0x80, (byte) 0xC0}, new byte[] {0, 1, 2, (byte) 255}, 512L);
        FileEntry device = new FileEntry(bytes("/dev/null"), FileEntry.State.ADDED, FileEntry.Type.CHAR_DEVICE, 0, 020666,
                0, 0, 1, 2, 3, 1, (1L << 8) | 3, null, null, 1024L);
        catalog.files().add(b.id(), List.of(odd, device));

        assertEquals(odd, catalog.files().get(b.id(), NOT_UTF8).orElseThrow());
        assertEquals(List.of(device, odd), catalog.files().list(b.id(), null), "byte order: 'd' < 's'");
        assertEquals("/srv/caf\uFFFD \n\uFFFD\uFFFD", odd.pathText());
        String shown = catalog.jdbi().withHandle(h -> h.createQuery("SELECT path_text FROM v_backup_contents"
                + " WHERE backup_id = :id AND type = 'l'").bind("id", b.id()).mapTo(String.class).one());
        assertEquals(odd.pathText(), shown);
        byte[] whole = catalog.jdbi().withHandle(h -> h.createQuery("SELECT path FROM v_backup_contents"
                + " WHERE backup_id = :id AND type = 'l'").bind("id", b.id()).mapTo(byte[].class).one());
        assertArrayEquals(NOT_UTF8, whole);
    }

    @Test
    void listingAPathGivesItAndWhatLiesUnderItInByteOrder() {
        Backup b = runningBackup();
        List<String> paths = List.of("/a", "/a/b", "/a/b/c", "/a.b", "/a0", "/ab", "/a/\u00ff", "/b", "/a/ z");
        catalog.files().add(b.id(), paths.stream().map(p -> file(bytes(p))).toList());
        assertEquals(List.of("/a", "/a/ z", "/a/b", "/a/b/c", "/a/\u00ff"), listed(b, "/a"));
        assertEquals(List.of("/a", "/a/ z", "/a/b", "/a/b/c", "/a/\u00ff"), listed(b, "/a/"));
        assertEquals(List.of("/a/b", "/a/b/c"), listed(b, "/a/b"));
        assertEquals(List.of("/a.b"), listed(b, "/a.b"));
        assertEquals(9, listed(b, "/").size());
        assertEquals(9, catalog.files().list(b.id(), null).size());
        assertEquals(List.of(), listed(b, "/c"));
    }

    @Test
    void pathsLongerThanTheIndexedHeadRoundTripAndList() {
        Backup b = runningBackup();
        String deep = "/" + "d".repeat(1500);
        byte[] one = bytes(deep + "/x/file1");
        byte[] two = bytes(deep + "/x/file2");
        byte[] sibling = bytes(deep + "y/file");
        byte[] veryLong = bytes(deep + "/" + "n".repeat(4000));
        catalog.files().add(b.id(), List.of(file(one), file(two), file(sibling), file(veryLong)));

        assertArrayEquals(two, catalog.files().get(b.id(), two).orElseThrow().path());
        assertEquals(List.of(deep + "/" + "n".repeat(4000), deep + "/x/file1", deep + "/x/file2"), listed(b, deep));
        assertEquals(List.of(deep + "/x/file1", deep + "/x/file2"), listed(b, deep + "/x"));
        assertEquals(List.of(deep + "y/file"), listed(b, deep + "y"));
        assertEquals(4, catalog.files().count(b.id()));
    }

    @Test
    void theTreeOfAnIncrementalMergesItsChainAndLeavesOutDeletions() {
        Dataset d = dataset("fs1", BackupKind.FS, "/srv");
        cartridges("LF0001L8");
        Backup full = catalog.backups().start(BackupStart.full(d.id()));
        catalog.files().add(full.id(), List.of(file(bytes("/srv")), file(bytes("/srv/a")), file(bytes("/srv/b")),
                file(bytes("/srv/c"))));
        full = finish(full);
        Backup inc1 = catalog.backups().start(BackupStart.incremental(d.id(), full.id()));
        FileEntry bChanged = new FileEntry(bytes("/srv/b"), FileEntry.State.CHANGED, FileEntry.Type.FILE, 99, 0100644, 0, 0,
                5, 5, 42, 1, 0, null, null, 0L);
        catalog.files().add(inc1.id(), List.of(bChanged, FileEntry.deleted(bytes("/srv/c"), FileEntry.Type.FILE),
                file(bytes("/srv/d"))));
        inc1 = finish(inc1);
        Backup inc2 = catalog.backups().start(BackupStart.incremental(d.id(), inc1.id()));
        catalog.files().add(inc2.id(), List.of(FileEntry.deleted(bytes("/srv/a"), FileEntry.Type.FILE), file(bytes("/srv/c"))));
        inc2 = finish(inc2);

        List<TreeEntry> tree = catalog.files().tree(inc2.id(), bytes("/srv"));
        assertEquals(List.of("/srv", "/srv/b", "/srv/c", "/srv/d"), tree.stream().map(t -> t.entry().pathText()).toList());
        assertEquals(List.of(full.id(), inc1.id(), inc2.id(), inc1.id()), tree.stream().map(TreeEntry::backupId).toList());
        assertEquals(bChanged, tree.get(1).entry());
        assertEquals(List.of("/srv", "/srv/a", "/srv/b", "/srv/d"),
                catalog.files().tree(inc1.id(), null).stream().map(t -> t.entry().pathText()).toList());
        assertEquals(List.of("/srv/b"), catalog.files().tree(inc2.id(), bytes("/srv/b")).stream()
                .map(t -> t.entry().pathText()).toList());
    }

    @Test
    void tensOfThousandsOfEntriesGoInBatchesAndStreamBack() {
        Backup b = runningBackup();
        int n = 30_000;
        List<FileEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(file(bytes(String.format("/data/dir%03d/file%06d", i % 100, i))));
        }
        long t0 = System.nanoTime();
        catalog.files().add(b.id(), entries);
        long insertMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(n, catalog.files().count(b.id()));
        long[] streamed = {0};
        catalog.files().forEach(b.id(), bytes("/data/dir007"), e -> streamed[0]++);
        assertEquals(n / 100, streamed[0]);
        assertTrue(insertMs < 30_000, source().describe() + " took " + insertMs + " ms for " + n + " entries, expected batches"
                + " to take well under 30 s");
        System.out.printf("catalog %s: %d file entries inserted in %d ms (%.0f/s)%n", source().describe(), n, insertMs,
                n * 1000.0 / Math.max(1, insertMs));
    }

    @Test
    void entriesForAFinishedBackupOrTwiceForOnePathAreRefused() {
        Backup b = runningBackup();
        catalog.files().add(b.id(), List.of(file(bytes("/x"))));
        CatalogException dup = assertThrows(CatalogException.class, () -> catalog.files().add(b.id(), List.of(file(bytes("/x")))));
        assertTrue(dup.getMessage().contains("listed twice"), dup.getMessage());
        assertEquals(1, catalog.files().count(b.id()), "the failed batch left nothing behind");
        finish(b);
        CatalogException done = assertThrows(CatalogException.class, () -> catalog.files().add(b.id(), List.of(file(bytes("/y")))));
        assertTrue(done.getMessage().contains("it is good, expected running"), done.getMessage());
    }

    private Backup runningBackup() {
        Dataset d = dataset("fs1", BackupKind.FS, "/srv");
        return catalog.backups().start(BackupStart.full(d.id()));
    }

    private Backup finish(Backup b) {
        return catalog.backups().finish(b.id(), BackupEnd.good(1, 1, 1, null));
    }

    private List<String> listed(Backup b, String prefix) {
        return catalog.files().list(b.id(), bytes(prefix)).stream().map(FileEntry::pathText).toList();
    }

    private static FileEntry file(byte[] path) {
        return new FileEntry(path, FileEntry.State.ADDED, FileEntry.Type.FILE, path.length, 0100644, 1000, 1000,
                1_700_000_000_000_000_000L, 1_700_000_000_000_000_000L, Arrays.hashCode(path), 1, 0, null, null, 0L);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
