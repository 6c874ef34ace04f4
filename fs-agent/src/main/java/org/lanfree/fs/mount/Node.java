package org.lanfree.fs.mount;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One object of the mounted view: a folder the mount makes up (root, client, backup), or an
 * object of a backed-up tree as the catalog describes it.
 *
 * @param type          the catalog's letter: f d l h p s c b
 * @param mode          permission bits {@code 07777}
 * @param linkTarget    a symlink's target bytes; for {@code h} the tree path holding the data
 * @param dataBackupId  the chain member whose archive holds the file's data; 0 for none
 * @param archiveOffset where the object's first tar header starts in that archive; -1 for none
 */
public record Node(String name, char type, long size, int mode, long uid, long gid, long mtimeNs, long ctimeNs,
                   int nlink, byte[] linkTarget, long dataBackupId, long archiveOffset, Map<String, Node> children) {

    /** A folder the mount makes up. */
    public static Node folder(String name, long mtimeNs, Map<String, Node> children) {
        return new Node(name, 'd', 0, 0555, 0, 0, mtimeNs, mtimeNs, 2, null, 0, -1, children);
    }

    /** A symlink the mount makes up ({@code latest}). */
    public static Node link(String name, String target, long mtimeNs) {
        byte[] bytes = target.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new Node(name, 'l', bytes.length, 0777, 0, 0, mtimeNs, mtimeNs, 1, bytes, 0, -1, Map.of());
    }

    public boolean isDirectory() {
        return type == 'd';
    }

    public boolean isRegularFile() {
        return type == 'f' || type == 'h';
    }

    /** Children by shown name, in name order; empty for anything but a folder. */
    public Map<String, Node> children() {
        return children == null ? Map.of() : children;
    }

    static Map<String, Node> sortedChildren() {
        return Collections.synchronizedMap(new TreeMap<>());
    }
}
