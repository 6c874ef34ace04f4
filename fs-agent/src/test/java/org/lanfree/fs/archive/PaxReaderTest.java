package org.lanfree.fs.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lanfree.fs.testtree.TestTree.b;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Xattr;

/** Bad and edge-case archives: each is refused with the offset and what was wrong, never misread. */
class PaxReaderTest {

    private static byte[] archive(ArchiveEntry e, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PaxWriter w = new PaxWriter(out);
        w.begin(e);
        if (data.length > 0) {
            w.write(data, 0, data.length);
        }
        w.finish();
        return out.toByteArray();
    }

    private static ArchiveEntry file(String path, long size) {
        return new ArchiveEntry(b(path), EntryType.FILE, 0644, 0, 0, b(""), b(""), 0, size, null, 0, 0, List.of(), null);
    }

    @Test
    void readsEdgeValuesBackExactly() throws IOException {
        ByteString name = ByteString.of(new byte[] {'x', '\n', (byte) 0xff, '='});
        ArchiveEntry e = new ArchiveEntry(name.concat(b("y".repeat(300))), EntryType.SYMLINK, 0777, 1L << 32, 0, b("user name longer than the ustar field"),
                ByteString.of(new byte[] {(byte) 0xe9}), -1L, 0, b("t".repeat(200)), 0, 0,
                List.of(new Xattr(b("user.%=weird"), new byte[] {0, '\n'})), null);
        assertEquals(e, new PaxReader(new ByteArrayInputStream(archive(e, new byte[0]))).next());
    }

    @Test
    void aCutArchiveIsRefusedWithItsOffset() throws IOException {
        byte[] whole = archive(file("f", 1000), new byte[1000]);
        PaxReader reader = new PaxReader(new ByteArrayInputStream(Arrays.copyOf(whole, 700)));
        reader.next();
        byte[] buf = new byte[2000];
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> {
            while (reader.read(buf, 0, buf.length) >= 0) {
                // read to the cut
            }
        });
        assertTrue(e.getMessage().contains("archive ends inside a member's data at offset 700"), e.getMessage());
    }

    @ParameterizedTest(name = "damaged byte {0}")
    @ValueSource(ints = {0, 100, 124, 148, 156})
    void aDamagedHeaderFailsItsChecksum(int at) throws IOException {
        byte[] bytes = archive(file("f", 0), new byte[0]);
        bytes[at] ^= 0x11;
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class,
                () -> new PaxReader(new ByteArrayInputStream(bytes)).next());
        assertTrue(e.getMessage().contains("offset 0") && (e.getMessage().contains("checksum")
                || e.getMessage().contains("octal")), e.getMessage());
    }

    @Test
    void garbageIsNotTakenForAnArchive() {
        byte[] text = "this is not a tar archive at all\n".repeat(40).getBytes();
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class,
                () -> new PaxReader(new ByteArrayInputStream(text)).next());
        assertTrue(e.getMessage().contains("offset 0"), e.getMessage());
    }
}
