package org.lanfree.connect.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One file system object of a file-tree backup as the agent and the media server exchange it:
 * the agent's report of what it archived (the catalog's file entry), or the media server's
 * account of what the parent backup holds (what an incremental compares against). Names, link
 * targets and extended attributes are bytes, taken as the file system gave them.
 *
 * @param state         {@code A} added, {@code C} changed, {@code D} deleted since the parent
 * @param type          as {@code ls -l} shows it: {@code f d l p s c b}, or {@code h} for a hard link to {@code linkTarget}
 * @param archiveOffset where its tar header starts in the backup's uncompressed archive; -1 for none
 */
public record FileRecord(byte[] path, char state, char type, long size, int mode, long uid, long gid, long mtimeNs,
        long ctimeNs, long inode, int nlink, long rdev, byte[] linkTarget, byte[] xattrs, long archiveOffset) {

    public FileRecord {
        Objects.requireNonNull(path, "path");
        if (path.length == 0) {
            throw new IllegalArgumentException("a file record needs a path");
        }
        if ("ACD".indexOf(state) < 0) {
            throw new IllegalArgumentException("file record state '" + state + "' is not one of A C D");
        }
        if ("fdlhpscb".indexOf(type) < 0) {
            throw new IllegalArgumentException("file record type '" + type + "' is not one of f d l h p s c b");
        }
        linkTarget = linkTarget == null ? new byte[0] : linkTarget;
        xattrs = xattrs == null ? new byte[0] : xattrs;
    }

    void encode(ByteBuffer out) {
        WireBuffers.putBytes(out, path);
        out.put((byte) state).put((byte) type).putLong(size).putInt(mode).putLong(uid).putLong(gid).putLong(mtimeNs)
                .putLong(ctimeNs).putLong(inode).putInt(nlink).putLong(rdev);
        WireBuffers.putBytes(out, linkTarget);
        WireBuffers.putBytes(out, xattrs);
        out.putLong(archiveOffset);
    }

    static FileRecord decode(ByteBuffer in) throws WireException {
        byte[] path = WireBuffers.getBytes(in, "file record path");
        char state = (char) WireBuffers.getU8(in, "file record state");
        char type = (char) WireBuffers.getU8(in, "file record type");
        long size = WireBuffers.getLong(in, "file record size");
        int mode = WireBuffers.getInt(in, "file record mode");
        long uid = WireBuffers.getLong(in, "file record uid");
        long gid = WireBuffers.getLong(in, "file record gid");
        long mtime = WireBuffers.getLong(in, "file record mtime");
        long ctime = WireBuffers.getLong(in, "file record ctime");
        long inode = WireBuffers.getLong(in, "file record inode");
        int nlink = WireBuffers.getInt(in, "file record nlink");
        long rdev = WireBuffers.getLong(in, "file record rdev");
        byte[] link = WireBuffers.getBytes(in, "file record link target");
        byte[] xattrs = WireBuffers.getBytes(in, "file record xattrs");
        long offset = WireBuffers.getLong(in, "file record archive offset");
        return new FileRecord(path, state, type, size, mode, uid, gid, mtime, ctime, inode, nlink, rdev, link, xattrs,
                offset);
    }

    /** Bytes it takes encoded. */
    public int encodedBytes() {
        return 2 + path.length + 2 + 8 * 8 + 4 + 4 + 2 + linkTarget.length + 2 + xattrs.length + 8;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileRecord r && Arrays.equals(path, r.path) && state == r.state && type == r.type
                && size == r.size && mode == r.mode && uid == r.uid && gid == r.gid && mtimeNs == r.mtimeNs
                && ctimeNs == r.ctimeNs && inode == r.inode && nlink == r.nlink && rdev == r.rdev
                && Arrays.equals(linkTarget, r.linkTarget) && Arrays.equals(xattrs, r.xattrs)
                && archiveOffset == r.archiveOffset;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(path) * 31 + Long.hashCode(inode);
    }

    @Override
    public String toString() {
        return "FileRecord[" + new String(path, java.nio.charset.StandardCharsets.UTF_8) + " " + state + type + " "
                + size + "]";
    }
}
