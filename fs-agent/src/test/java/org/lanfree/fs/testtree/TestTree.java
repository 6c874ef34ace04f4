package org.lanfree.fs.testtree;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.FileData;
import org.lanfree.fs.posix.FileKind;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.posix.Stat;
import org.lanfree.fs.posix.Xattr;
import org.lanfree.fs.posix.Xattrs;

/**
 * Builds test trees with the byte-level calls, so names may be anything the kernel accepts.
 * Paths are relative to the root; parents must exist. {@link #everyCase} makes the tree the fs
 * agent must carry: awkward names, a path past 4096 bytes, a sparse file past 4 GiB, hard links,
 * symlinks, a FIFO, a socket, devices (as root), xattrs with an ACL, odd modes and owners, and
 * nanosecond times set last, directories after their contents.
 */
public final class TestTree implements AutoCloseable {

    public static final ByteString NOT_UTF8 = ByteString.of(new byte[] {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, '-', (byte) 0xc3});
    public static final ByteString NEWLINE = ByteString.of("new\nline");
    public static final long SPARSE_SIZE = (4L << 30) + 12345;

    private final Fd root;
    private final Arena arena = Arena.ofConfined();
    private final List<ByteString> directories = new ArrayList<>();
    private final Random random = new Random(42);
    private long clock = 1_600_000_000_000_000_001L;

    public TestTree(ByteString root) throws IOException {
        this.root = Posix.open(root, Posix.O_RDONLY | Posix.O_DIRECTORY);
    }

    public static TestTree at(java.nio.file.Path root) throws IOException {
        return new TestTree(ByteString.of(root.toString()));
    }

    public static ByteString b(String s) {
        return ByteString.of(s);
    }

    public Fd root() {
        return root;
    }

    public TestTree dir(ByteString path, int mode) throws IOException {
        try (Fd parent = parentOf(path)) {
            Posix.mkdirAt(parent, path.fileName(), 0700);
            Posix.chmodAt(parent, path.fileName(), mode);
        }
        directories.add(path);
        return this;
    }

    public TestTree dir(String path) throws IOException {
        return dir(b(path), 0755);
    }

    public TestTree file(ByteString path, byte[] content, int mode) throws IOException {
        try (Fd parent = parentOf(path);
             Fd f = Posix.openAt(parent, path.fileName(), Posix.O_WRONLY | Posix.O_CREAT | Posix.O_EXCL | Posix.NOFOLLOW, 0600)) {
            write(f, content, 0);
            Posix.chmod(f, mode);
        }
        return this;
    }

    public TestTree file(String path, String content) throws IOException {
        return file(b(path), content.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
    }

    public TestTree randomFile(String path, int size) throws IOException {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return file(b(path), data, 0644);
    }

    /** A file of {@code size} bytes with {@code content} written at each offset and holes elsewhere. */
    public TestTree sparse(String path, long size, long... offsets) throws IOException {
        try (Fd parent = parentOf(b(path));
             Fd f = Posix.openAt(parent, b(path).fileName(), Posix.O_WRONLY | Posix.O_CREAT | Posix.O_EXCL | Posix.NOFOLLOW, 0644)) {
            for (long offset : offsets) {
                byte[] block = new byte[8192];
                random.nextBytes(block);
                write(f, block, offset);
            }
            FileData.truncate(f, size);
        }
        return this;
    }

    public TestTree symlink(ByteString path, ByteString target) throws IOException {
        try (Fd parent = parentOf(path)) {
            Posix.symlinkAt(target, parent, path.fileName());
        }
        return this;
    }

    public TestTree hardLink(String path, String existing) throws IOException {
        try (Fd from = parentOf(b(existing)); Fd to = parentOf(b(path))) {
            Posix.linkAt(from, b(existing).fileName(), to, b(path).fileName());
        }
        return this;
    }

    public TestTree node(String path, FileKind kind, long rdev) throws IOException {
        try (Fd parent = parentOf(b(path))) {
            Posix.mknodAt(parent, b(path).fileName(), kind.bits() | 0640, rdev);
        }
        return this;
    }

    public TestTree xattr(ByteString path, String name, byte[] value) throws IOException {
        try (Fd parent = parentOf(path)) {
            Xattrs.setAt(parent, path.fileName(), new Xattr(b(name), value));
        }
        return this;
    }

    public TestTree owner(String path, long uid, long gid) throws IOException {
        try (Fd parent = parentOf(b(path))) {
            Posix.chownAt(parent, b(path).fileName(), uid, gid);
        }
        return this;
    }

    public TestTree mode(String path, int mode) throws IOException {
        try (Fd parent = parentOf(b(path))) {
            Posix.chmodAt(parent, b(path).fileName(), mode);
        }
        return this;
    }

    /** Gives {@code path} its own nanosecond mtime (and atime), distinct from every other's. */
    public TestTree touch(ByteString path) throws IOException {
        clock += 1_000_000_123L;
        if (path.isEmpty()) {
            Posix.setTimes(root, clock, clock);
            return this;
        }
        try (Fd parent = parentOf(path)) {
            Posix.setTimesAt(parent, path.fileName(), clock - 7, clock);
        }
        return this;
    }

    /** Sets distinct nanosecond times on every directory made here, deepest first, and on the root. */
    public TestTree touchDirectories() throws IOException {
        for (int i = directories.size() - 1; i >= 0; i--) {
            touch(directories.get(i));
        }
        touch(ByteString.EMPTY);
        return this;
    }

    public Stat stat(String path) throws IOException {
        try (Fd parent = parentOf(b(path))) {
            return Posix.statAt(parent, b(path).fileName());
        }
    }

    /** A path of nested directories whose total length passes 4096 bytes, with a file at the bottom; returns the file's path. */
    public ByteString deepPath(String top) throws IOException {
        dir(top);
        ByteString path = b(top);
        for (int level = 0; path.length() < 4400; level++) {
            path = path.resolve(b(String.format("%03d-", level) + "d".repeat(200)));
            dir(path, 0755);
        }
        ByteString file = path.resolve(b("bottom file"));
        file(file, "at the bottom\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0600);
        touch(file);
        return file;
    }

    /** The tree of the issue: every kind of object and every awkward name. */
    public static TestTree everyCase(java.nio.file.Path at) throws IOException {
        TestTree t = at(at);
        t.file("plain.txt", "plain content\n")
                .file("with space.txt", "spaces\n")
                .file(NEWLINE, "newline in name\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644)
                .file(NOT_UTF8, new byte[] {1, 2, 3}, 0600)
                .file("empty", "")
                .randomFile("big.bin", 3 * 1024 * 1024 + 17)
                .file(b("setuid"), "#!/bin/sh\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 04755)
                .dir("empty-dir")
                .dir("dir")
                .dir("dir/sub")
                .dir(b("sticky"), 01777)
                .file("dir/sub/file", "in a subdirectory\n")
                .dir(b("dir").resolve(NOT_UTF8), 0750)
                .file(b("dir").resolve(NOT_UTF8).resolve(NEWLINE), new byte[] {9}, 0644)
                .hardLink("dir/hard", "plain.txt")
                .hardLink("dir/sub/hard2", "plain.txt")
                .symlink(b("link-rel"), b("dir/sub/file"))
                .symlink(b("link-abs"), b("/etc/passwd"))
                .symlink(b("link-dangling"), b("no/such/target"))
                .symlink(b("link-bytes"), NOT_UTF8)
                .node("fifo", FileKind.FIFO, 0)
                .node("socket", FileKind.SOCKET, 0)
                .sparse("sparse.img", SPARSE_SIZE, 0, 1L << 30, 3L << 30)
                .sparse("all-hole.img", 1L << 20)
                .xattr(b("plain.txt"), "user.comment", "a comment".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .xattr(b("dir"), "user.binary", new byte[] {0, (byte) 0xff, '\n', '='})
                .xattr(b("with space.txt"), "system.posix_acl_access", acl(1000, 4))
                .xattr(b("dir/sub"), "system.posix_acl_default", acl(1001, 5));
        if (Posix.isRoot()) {
            t.node("null-device", FileKind.CHAR_DEVICE, Stat.makedev(1, 3))
                    .node("block-device", FileKind.BLOCK_DEVICE, Stat.makedev(7, 200))
                    .owner("with space.txt", 1234, 5678)
                    .owner("link-rel", 4321, 8765)
                    .mode("setuid", 04755);
        }
        ByteString deep = t.deepPath("deep");
        for (String p : List.of("plain.txt", "with space.txt", "empty", "big.bin", "setuid", "dir/sub/file", "link-rel",
                "link-abs", "link-dangling", "link-bytes", "fifo", "socket", "sparse.img", "all-hole.img")) {
            t.touch(b(p));
        }
        t.touch(NEWLINE).touch(NOT_UTF8).touch(b("dir").resolve(NOT_UTF8).resolve(NEWLINE));
        if (Posix.isRoot()) {
            t.touch(b("null-device")).touch(b("block-device"));
        }
        t.touch(deep);
        return t.touchDirectories();
    }

    /** A POSIX ACL in the kernel's xattr format: owner rw-, one named user, group, mask and other. */
    static byte[] acl(int uid, int perm) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 5 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(2);
        entry(b, 0x01, 6, -1);
        entry(b, 0x02, perm, uid);
        entry(b, 0x04, 4, -1);
        entry(b, 0x10, 4, -1);
        entry(b, 0x20, 0, -1);
        return b.array();
    }

    private static void entry(java.nio.ByteBuffer b, int tag, int perm, int id) {
        b.putShort((short) tag).putShort((short) perm).putInt(id);
    }

    private Fd parentOf(ByteString path) throws IOException {
        Fd fd = Posix.openAt(root, ByteString.of("."), Posix.O_RDONLY | Posix.O_DIRECTORY, 0);
        ByteString parent = path.parent();
        if (parent.isEmpty()) {
            return fd;
        }
        int start = 0;
        while (start <= parent.length()) {
            int slash = parent.indexOf((byte) '/', start);
            int end = slash < 0 ? parent.length() : slash;
            Fd next = Posix.openAt(fd, parent.substring(start, end), Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.NOFOLLOW, 0);
            fd.close();
            fd = next;
            start = end + 1;
        }
        return fd;
    }

    private void write(Fd f, byte[] content, long offset) throws IOException {
        if (content.length == 0) {
            return;
        }
        MemorySegment buffer = arena.allocate(content.length);
        MemorySegment.copy(content, 0, buffer, JAVA_BYTE, 0, content.length);
        FileData.pwriteFully(f, buffer, content.length, offset);
    }

    @Override
    public void close() throws IOException {
        root.close();
        arena.close();
    }
}
