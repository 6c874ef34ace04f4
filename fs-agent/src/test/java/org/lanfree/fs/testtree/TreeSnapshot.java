package org.lanfree.fs.testtree;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.FileData;
import org.lanfree.fs.posix.FileKind;
import org.lanfree.fs.posix.Stat;
import org.lanfree.fs.posix.Xattr;
import org.lanfree.fs.tree.TreeWalker;
import org.lanfree.fs.tree.WalkOptions;
import org.lanfree.fs.tree.WarningList;

/**
 * Everything a restore must reproduce of a tree, one line per object, so two trees compare with
 * one {@code assertEquals} and a failure shows the differing lines. Regular files are summed over
 * their data regions with their offsets, so a hole restored as zeros shows as a difference.
 */
public final class TreeSnapshot {

    /** What is compared. */
    public enum Facts {
        ALL,
        /** Without owners (a restore as a user), and without atime, which nothing restores. */
        NO_OWNER
    }

    private TreeSnapshot() {
    }

    public static List<String> of(java.nio.file.Path root, Facts facts) throws IOException {
        return of(ByteString.of(root.toString()), facts, p -> true);
    }

    public static List<String> of(ByteString root, Facts facts, Predicate<ByteString> include) throws IOException {
        List<String> lines = new ArrayList<>();
        Map<Long, ByteString> firstOfInode = new HashMap<>();
        WarningList warnings = new WarningList(10);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(1 << 20);
            new TreeWalker(WalkOptions.DEFAULT, warnings).walk(root, visit -> {
                ByteString path = visit.entry().path();
                if (!include.test(path)) {
                    return;
                }
                Stat st = visit.entry().stat();
                StringBuilder line = new StringBuilder();
                line.append(path.isEmpty() ? "." : path).append(' ').append(st.kind()).append(' ')
                        .append(Integer.toOctalString(st.permissions()));
                if (facts == Facts.ALL) {
                    line.append(" owner=").append(st.uid()).append(':').append(st.gid());
                }
                if (st.kind() != FileKind.DIRECTORY) {
                    line.append(" size=").append(st.size());
                }
                line.append(" mtime=").append(st.mtimeNs());
                if (st.kind() == FileKind.CHAR_DEVICE || st.kind() == FileKind.BLOCK_DEVICE) {
                    line.append(" rdev=").append(Stat.major(st.rdev())).append(',').append(Stat.minor(st.rdev()));
                }
                if (visit.entry().linkTarget() != null) {
                    line.append(" -> ").append(visit.entry().linkTarget());
                }
                if (st.isRegular() && st.nlink() > 1) {
                    ByteString first = firstOfInode.putIfAbsent(st.inode(), path);
                    line.append(" links=").append(st.nlink()).append(" first=").append(first == null ? path : first);
                }
                if (st.isRegular()) {
                    try (Fd fd = visit.open()) {
                        line.append(" data=").append(dataDigest(fd, st.size(), buffer));
                    }
                }
                List<String> xattrs = new ArrayList<>();
                for (Xattr x : visit.entry().xattrs()) {
                    xattrs.add(x.name() + "=" + HexFormat.of().formatHex(x.value()));
                }
                xattrs.sort(null);
                if (!xattrs.isEmpty()) {
                    line.append(" xattrs=").append(xattrs);
                }
                lines.add(line.toString());
            });
        }
        if (warnings.count() > 0) {
            throw new IOException("snapshot of " + root + " met " + warnings);
        }
        return lines;
    }

    /** SHA-256 over each data region's offset, length and bytes. */
    static String dataDigest(Fd fd, long size, MemorySegment buffer) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long pos = 0;
        StringBuilder regions = new StringBuilder();
        while (pos < size) {
            long data = FileData.seekData(fd, pos);
            if (data < 0 || data >= size) {
                break;
            }
            long hole = Math.min(FileData.seekHole(fd, data), size);
            regions.append(data).append('+').append(hole - data).append(';');
            for (long at = data; at < hole; ) {
                long n = FileData.pread(fd, buffer, Math.min(buffer.byteSize(), hole - at), at);
                if (n == 0) {
                    break;
                }
                sha.update(buffer.asSlice(0, n).toArray(JAVA_BYTE));
                at += n;
            }
            pos = hole;
        }
        sha.update(regions.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16) + (regions.length() > 60 ? "" : "@" + regions);
    }

    /** Paths under {@code root} for which {@code prefixes} holds, as a predicate for {@link #of}. */
    public static Predicate<ByteString> under(Set<ByteString> prefixes) {
        return p -> prefixes.stream().anyMatch(p::isAtOrUnder);
    }
}
