package org.lanfree.fs.mount;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree as of one backup, built from the rows of its chain: for each path the row of the
 * nearest chain member wins, a deletion hides the path, and an object whose folder is gone (or
 * is no longer a folder) is dropped with it, as a chain restore would leave it.
 */
public final class ChainTree {

    private ChainTree() {
    }

    /** The root folder (named {@code rootName}) of the tree the rows describe. */
    public static Node build(String rootName, long rootMtimeNs, List<EntryRow> rows) {
        Map<String, EntryRow> nearest = new HashMap<>();
        // the nearest depth at which a path stopped being a folder (deleted, or replaced by another
        // type): what an older archive put under it is gone, even if a newer one made the folder again
        Map<String, Integer> cut = new HashMap<>();
        for (EntryRow r : rows) {
            String key = key(normalize(r.path()));
            nearest.merge(key, r, (a, b) -> a.depth() <= b.depth() ? a : b);
            if (r.deleted() || r.type() != 'd') {
                cut.merge(key, r.depth(), Math::min);
            }
        }
        List<Map.Entry<String, EntryRow>> kept = new ArrayList<>();
        for (Map.Entry<String, EntryRow> e : nearest.entrySet()) {
            if (!e.getValue().deleted() && !cutAbove(e.getKey(), e.getValue().depth(), cut)) {
                kept.add(e);
            }
        }
        // a folder's path is a prefix of its members' paths, so it sorts (and is built) first
        kept.sort(Map.Entry.comparingByKey());
        Map<String, Node> built = new HashMap<>();
        Node root = Node.folder(rootName, rootMtimeNs, Node.sortedChildren());
        built.put("", root);
        for (Map.Entry<String, EntryRow> e : kept) {
            String path = e.getKey();
            EntryRow r = e.getValue();
            if (path.isEmpty()) {
                root = node(rootName, r, root.children());
                built.put("", root);
                continue;
            }
            int slash = path.lastIndexOf('/');
            Node parent = built.get(slash < 0 ? "" : path.substring(0, slash));
            if (parent == null || !parent.isDirectory()) {
                continue;
            }
            byte[] nameBytes = path.substring(slash + 1).getBytes(StandardCharsets.ISO_8859_1);
            Node node = node(NameEscape.encode(nameBytes), r, r.type() == 'd' ? Node.sortedChildren() : null);
            parent.children().put(node.name(), node);
            built.put(path, node);
        }
        return resolveHardLinks(root, built);
    }

    private static boolean cutAbove(String path, int depth, Map<String, Integer> cut) {
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            Integer at = cut.get(path.substring(0, slash));
            if (at != null && at < depth) {
                return true;
            }
        }
        return false;
    }

    private static Node node(String name, EntryRow r, Map<String, Node> children) {
        return new Node(name, r.type(), r.size(), r.mode() & 07777, r.uid(), r.gid(),
                r.mtimeNs(), r.ctimeNs(), Math.max(1, r.nlink()), r.linkTarget(), r.backupId(), r.archiveOffset(),
                children);
    }

    /** A hard link reads the data of the path it names; it keeps its own name and metadata. */
    private static Node resolveHardLinks(Node root, Map<String, Node> built) {
        for (Map.Entry<String, Node> e : built.entrySet()) {
            Node n = e.getValue();
            if (n.type() != 'h' || n.linkTarget() == null) {
                continue;
            }
            Node data = built.get(key(normalize(n.linkTarget())));
            if (data == null || data.type() != 'f') {
                continue;
            }
            String path = e.getKey();
            int slash = path.lastIndexOf('/');
            Node parent = built.get(slash < 0 ? "" : path.substring(0, slash));
            parent.children().put(n.name(), new Node(n.name(), 'h', data.size(), data.mode(), data.uid(), data.gid(),
                    data.mtimeNs(), data.ctimeNs(), data.nlink(), null, data.dataBackupId(), data.archiveOffset(),
                    null));
        }
        return root;
    }

    /** Strips {@code ./} and trailing slashes; {@code .} is the root. */
    static byte[] normalize(byte[] path) {
        int start = 0;
        int end = path.length;
        while (end > 0 && path[end - 1] == '/') {
            end--;
        }
        while (start + 1 < end && path[start] == '.' && path[start + 1] == '/') {
            start += 2;
        }
        if (end - start == 1 && path[start] == '.') {
            return new byte[0];
        }
        return Arrays.copyOfRange(path, start, Math.max(start, end));
    }

    /** Bytes as a string one char per byte, so paths sort and compare as bytes. */
    private static String key(byte[] path) {
        return new String(path, StandardCharsets.ISO_8859_1);
    }
}
