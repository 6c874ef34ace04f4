package org.lanfree.fs.posix;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixTest {

    private static final ByteString LATIN1_NAME = ByteString.of(new byte[] {'c', 'a', 'f', (byte) 0xe9, ' ', '\n', 'x'});

    @TempDir
    Path temp;

    private Fd root() throws PosixException {
        return Posix.open(ByteString.of(temp.toString()), Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.NOFOLLOW);
    }

    @Test
    void createsAndStatsANameThatIsNotUtf8() throws Exception {
        try (Fd root = root()) {
            try (Fd f = Posix.openAt(root, LATIN1_NAME, Posix.O_WRONLY | Posix.O_CREAT | Posix.O_EXCL | Posix.NOFOLLOW, 0640)) {
                Posix.chmod(f, 0640);
            }
            assertEquals(List.of(LATIN1_NAME), DirectoryListing.names(root));
            Stat st = Posix.statAt(root, LATIN1_NAME);
            assertEquals(FileKind.REGULAR, st.kind());
            assertEquals(0640, st.permissions());
            assertEquals(1, st.nlink());
        }
    }

    @Test
    void keepsNanosecondTimesAndNegativeOnes() throws Exception {
        try (Fd root = root()) {
            Posix.openAt(root, ByteString.of("t"), Posix.O_WRONLY | Posix.O_CREAT | Posix.NOFOLLOW, 0600).close();
            long mtime = 1_700_000_000_123_456_789L;
            Posix.setTimesAt(root, ByteString.of("t"), -1_500_000_000L, mtime);
            Stat st = Posix.statAt(root, ByteString.of("t"));
            assertEquals(mtime, st.mtimeNs());
            assertEquals(-1_500_000_000L, st.atimeNs());
        }
    }

    @Test
    void failureNamesTheCallThePathAndTheReason() throws Exception {
        try (Fd root = root()) {
            PosixException e = assertThrows(PosixException.class, () -> Posix.statAt(root, LATIN1_NAME));
            assertTrue(e.vanished());
            assertTrue(e.getMessage().contains("fstatat(" + ByteString.of(temp.toString()).resolve(LATIN1_NAME) + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("No such file or directory (errno 2)"), e.getMessage());
            assertTrue(e.getMessage().contains("caf\\xe9 \\nx"), e.getMessage());
        }
    }

    @Test
    void doesNotFollowASymlinkWhenOpening() throws Exception {
        Files.createDirectory(temp.resolve("real"));
        Files.createSymbolicLink(temp.resolve("link"), temp.resolve("real"));
        try (Fd root = root()) {
            PosixException e = assertThrows(PosixException.class,
                    () -> Posix.openAt(root, ByteString.of("link"), Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.NOFOLLOW, 0));
            // Linux says ENOTDIR when O_DIRECTORY meets a symlink, ELOOP without O_DIRECTORY
            assertEquals(Errno.ENOTDIR, e.errno(), e.getMessage());
            PosixException plain = assertThrows(PosixException.class,
                    () -> Posix.openAt(root, ByteString.of("link"), Posix.O_RDONLY | Posix.NOFOLLOW, 0));
            assertEquals(Errno.ELOOP, plain.errno(), plain.getMessage());
            assertEquals(ByteString.of(temp.resolve("real").toString()), Posix.readLinkAt(root, ByteString.of("link")));
            assertEquals(FileKind.SYMLINK, Posix.statAt(root, ByteString.of("link")).kind());
        }
    }

    @Test
    void setsAndReadsExtendedAttributesWithBinaryValues() throws Exception {
        byte[] value = {0, 1, 2, (byte) 0xff, '\n'};
        try (Fd root = root()) {
            Posix.mkdirAt(root, LATIN1_NAME, 0755);
            Xattrs.setAt(root, LATIN1_NAME, new Xattr(ByteString.of("user.binary"), value));
            assertEquals(List.of(new Xattr(ByteString.of("user.binary"), value)), Xattrs.listAt(root, LATIN1_NAME));
            try (Fd dir = Posix.openAt(root, LATIN1_NAME, Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.NOFOLLOW, 0)) {
                Xattrs.set(dir, new Xattr(ByteString.of("user.second"), new byte[0]));
                assertEquals(2, Xattrs.list(dir).size());
            }
        }
    }

    @Test
    void findsTheDataOfASparseFile() throws Exception {
        long size = 5L << 30;
        try (Fd root = root(); Arena arena = Arena.ofConfined()) {
            MemorySegment block = arena.allocate(4096);
            block.fill((byte) 7);
            try (Fd f = Posix.openAt(root, ByteString.of("sparse"), Posix.O_RDWR | Posix.O_CREAT | Posix.NOFOLLOW, 0600)) {
                FileData.pwriteFully(f, block, 4096, 1L << 30);
                FileData.truncate(f, size);
                assertEquals(1L << 30, FileData.seekData(f, 0));
                assertEquals((1L << 30) + 4096, FileData.seekHole(f, 1L << 30));
                assertEquals(-1, FileData.seekData(f, (1L << 30) + 4096));
                MemorySegment read = arena.allocate(4096);
                assertEquals(4096, FileData.pread(f, read, 4096, 1L << 30));
                assertArrayEquals(block.toArray(JAVA_BYTE), read.toArray(JAVA_BYTE));
                Stat st = Posix.stat(f);
                assertEquals(size, st.size());
                assertTrue(st.mayBeSparse());
            }
        }
    }

    @Test
    void deviceNumbersSplitAsGlibcDoes() {
        long dev = Stat.makedev(259, 1_048_575);
        assertEquals(259, Stat.major(dev));
        assertEquals(1_048_575, Stat.minor(dev));
        assertEquals(0x0801, Stat.makedev(8, 1));
    }

    @Test
    void showsAwkwardBytesEscaped() {
        assertEquals("caf\\xe9 \\nx", LATIN1_NAME.toString());
        assertEquals("café\\\\", ByteString.of("café\\").toString());
        assertTrue(ByteString.of("a/b").isAtOrUnder(ByteString.of("a")));
        assertTrue(!ByteString.of("ab").isAtOrUnder(ByteString.of("a")));
    }
}
