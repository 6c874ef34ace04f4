package org.lanfree.fs.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lanfree.fs.testtree.TestTree.b;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.posix.Xattr;
import org.lanfree.fs.testtree.TestTree;
import org.lanfree.fs.tree.ChangeDetector;
import org.lanfree.fs.tree.Fingerprint;
import org.lanfree.fs.tree.FsEntry;
import org.lanfree.fs.tree.WalkOptions;
import org.lanfree.fs.tree.WarningList;

/** What a backup hands the catalog is enough for the next incremental and for the entry's own facts. */
class CatalogFactsTest {

    @TempDir
    Path temp;

    private List<CatalogFacts> backup(List<Fingerprint> previous) throws Exception {
        List<CatalogFacts> facts = new ArrayList<>();
        new TreeArchiver(WalkOptions.DEFAULT, new WarningList(1), new ArchiveListener() {
            @Override
            public void archived(FsEntry entry, ArchiveEntry member, long offset, ChangeDetector.Change change,
                                 byte[] sha256, boolean changedWhileRead) {
                facts.add(CatalogFacts.archived(entry, offset, change, changedWhileRead));
            }
        }, OwnerNames.none(), Clock.systemUTC()).archive(ByteString.of(temp.toString()),
                previous == null ? null : previous.iterator(), new ByteArrayOutputStream());
        return facts;
    }

    @Test
    void recordsTypeLettersLinksAndXattrsAndFeedTheNextIncremental() throws Exception {
        try (TestTree t = TestTree.at(temp)) {
            t.file("a", "data").hardLink("b", "a").symlink(b("c"), b("a")).dir("d")
                    .xattr(b("a"), "user.k=%", new byte[] {0, 1});
        }
        List<CatalogFacts> full = backup(null);
        Map<String, String> summary = new TreeMap<>();
        for (CatalogFacts f : full) {
            summary.put(f.path().toString(), f.type() + " " + f.state() + " " + f.linkTarget());
        }
        assertEquals(Map.of("", "d a null", "a", "f a null", "b", "h a a", "c", "l a a", "d", "d a null"), summary);
        CatalogFacts a = full.stream().filter(f -> f.path().equals(b("a"))).findFirst().orElseThrow();
        assertEquals(List.of(new Xattr(b("user.k=%"), new byte[] {0, 1})),
                CatalogFacts.decodeXattrs(a.xattrs()));

        List<CatalogFacts> unchanged = backup(full.stream().map(CatalogFacts::fingerprint).toList());
        assertEquals(List.of(), unchanged, "nothing changed, so nothing is archived");

        CatalogFacts marked;
        try (Fd root = Posix.open(ByteString.of(temp.toString()), Posix.O_RDONLY | Posix.O_DIRECTORY)) {
            marked = CatalogFacts.archived(new FsEntry(a.path(), Posix.statAt(root, b("a")), null, List.of(), null),
                    a.archiveOffset(), ChangeDetector.Change.ADDED, true);
        }
        List<Fingerprint> previous = new ArrayList<>(full.stream().map(CatalogFacts::fingerprint).toList());
        previous.replaceAll(f -> f.path().equals(b("a")) ? marked.fingerprint() : f);
        List<CatalogFacts> again = backup(previous);
        assertEquals(List.of("a c"), again.stream().map(f -> f.path() + " " + f.state()).toList(),
                "a file marked as changed while read is read again by the next incremental");
    }
}
