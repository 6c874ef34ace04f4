package org.lanfree.fs.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChainTreeTest {

    private static EntryRow row(int depth, String path, char type, boolean deleted, long size) {
        return new EntryRow(depth, 10 - depth, path.getBytes(StandardCharsets.UTF_8), deleted, type, size, 0644, 0, 0,
                1_000L * depth, 0, 1, null, 512L * depth);
    }

    @Test
    void theNearestChainMemberWinsAndDeletionsHideWholeFolders() {
        Node root = ChainTree.build("b", 0, List.of(
                row(1, ".", 'd', false, 0),
                row(1, "a", 'd', false, 0),
                row(1, "a/x", 'f', false, 3),
                row(1, "gone", 'd', false, 0),
                row(1, "gone/inside", 'f', false, 4),
                row(1, "kind", 'd', false, 0),
                row(1, "kind/child", 'f', false, 5),
                row(0, "a/x", 'f', false, 7),
                row(0, "gone", 'd', true, 0),
                row(0, "kind", 'f', false, 9)));
        assertEquals(List.of("a", "kind"), List.copyOf(root.children().keySet()));
        Node x = root.children().get("a").children().get("x");
        assertEquals(7, x.size(), "the incremental's version");
        assertEquals(10, x.dataBackupId());
        Node kind = root.children().get("kind");
        assertEquals('f', kind.type(), "a folder that became a file");
        assertNull(kind.children().get("child"));
    }

    @Test
    void aFolderDeletedAndMadeAgainHoldsOnlyWhatCameAfter() {
        Node root = ChainTree.build("b", 0, List.of(
                row(2, ".", 'd', false, 0),
                row(2, "x", 'd', false, 0),
                row(2, "x/old", 'f', false, 1),
                row(1, "x", 'd', true, 0),
                row(0, "x", 'd', false, 0),
                row(0, "x/new", 'f', false, 2)));
        assertEquals(List.of("new"), List.copyOf(root.children().get("x").children().keySet()));
    }

    @Test
    void aHardLinkReadsTheDataOfThePathItNames() {
        EntryRow link = new EntryRow(0, 10, "h".getBytes(StandardCharsets.UTF_8), false, 'h', 0, 0644, 0, 0, 0, 0, 2,
                "data".getBytes(StandardCharsets.UTF_8), 4096);
        Node root = ChainTree.build("b", 0, List.of(row(0, ".", 'd', false, 0), row(0, "data", 'f', false, 11), link));
        Node h = root.children().get("h");
        assertEquals(11, h.size());
        assertEquals(0, h.archiveOffset(), "the data's member, not the link's");
    }
}
