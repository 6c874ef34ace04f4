package org.lanfree.fs.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.FileKind;
import org.lanfree.fs.posix.Stat;
import org.lanfree.fs.posix.Xattr;
import org.lanfree.fs.tree.ChangeDetector;
import org.lanfree.fs.tree.Fingerprint;
import org.lanfree.fs.tree.FsEntry;

/**
 * What the catalog records of one archived object (the columns of the media server's
 * {@code file_entries}), built from an {@link ArchiveListener#archived} call. The facts come from
 * the walk's {@code fstatat}, so that {@link #fingerprint()} gives back what the next incremental
 * compares; a file that changed while read gets ctime 0, so the next incremental reads it again.
 *
 * @param state         {@code a}dded, {@code c}hanged or {@code d}eleted
 * @param type          the {@code ls -l} letter: {@code f d l h p s c b}, {@code h} for a hard link
 * @param mode          the whole {@code st_mode}, type bits included
 * @param linkTarget    a symlink's target, or the path a hard link shares its data with
 * @param xattrs        {@link #encodeXattrs} of the object's extended attributes, null when it has none
 * @param archiveOffset where the member's first header starts in the uncompressed archive; -1 for a deletion
 */
public record CatalogFacts(ByteString path, char state, char type, long size, int mode, long uid, long gid, long mtimeNs,
                           long ctimeNs, long inode, long nlink, long rdev, ByteString linkTarget, ByteString xattrs,
                           long archiveOffset) {

    public static CatalogFacts archived(FsEntry entry, long offset, ChangeDetector.Change change, boolean changedWhileRead) {
        Stat st = entry.stat();
        char state = change == ChangeDetector.Change.CHANGED ? 'c' : 'a';
        return new CatalogFacts(entry.path(), state, entry.isHardLink() ? 'h' : letter(st.kind()), st.size(), st.mode(),
                st.uid(), st.gid(), st.mtimeNs(), changedWhileRead ? 0 : st.ctimeNs(), st.inode(), st.nlink(), st.rdev(),
                entry.isHardLink() ? entry.hardLinkOf() : entry.linkTarget(), encodeXattrs(entry.xattrs()), offset);
    }

    public static CatalogFacts deleted(Fingerprint gone) {
        return new CatalogFacts(gone.path(), 'd', letter(gone.kind()), 0, 0, 0, 0, 0, 0, 0, 1, 0, null, null, -1);
    }

    /** What the next incremental compares against. */
    public Fingerprint fingerprint() {
        return new Fingerprint(path, size, mtimeNs, ctimeNs, inode, mode, uid, gid);
    }

    static char letter(FileKind kind) {
        return switch (kind) {
            case REGULAR -> 'f';
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case FIFO -> 'p';
            case SOCKET -> 's';
            case CHAR_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
        };
    }

    /** Extended attributes as pax records ({@code SCHILY.xattr.NAME=VALUE}), the archive's own encoding; null for none. */
    public static ByteString encodeXattrs(List<Xattr> xattrs) {
        if (xattrs.isEmpty()) {
            return null;
        }
        PaxRecords records = new PaxRecords();
        for (Xattr x : xattrs) {
            records.addXattr(x.name(), x.value());
        }
        return ByteString.of(records.toByteArray());
    }

    public static List<Xattr> decodeXattrs(ByteString encoded) throws ArchiveFormatException {
        List<Xattr> out = new ArrayList<>();
        if (encoded == null) {
            return out;
        }
        for (Map.Entry<String, byte[]> r : PaxReader.parseRecords(encoded.toByteArray(), 0).entrySet()) {
            out.add(new Xattr(PaxReader.xattrName(r.getKey()), r.getValue()));
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }
}
