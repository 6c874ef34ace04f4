package org.lanfree.media.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An administrator gets a file-tree backup back from the cartridge's files with {@code dd},
 * {@code zstd} and {@code tar} alone, as README.txt tells: the meta file gives the tape file's
 * offset and length, the header gives the payload's offset. The backup is the second tape file
 * on the cartridge, after another backup.
 */
class AdministratorRecoveryTest {

    private static final int BLOCK = 64 * 1024;

    @TempDir
    Path tmp;

    /** The recovery, in sh: only shell built-ins, dd, zstd and tar, as README.txt shows it. */
    private static final String RECOVER = """
            set -eu
            cd "$CARTRIDGE"
            while IFS=' =' read -r key value; do
              case "$key" in
                file.$N.offset) OFF=$value ;;
                file.$N.bytes) BYTES=$value ;;
              esac
            done < meta
            set -- $(dd if=data iflag=skip_bytes skip="$OFF" bs=4096 count=1 2>/dev/null |
                while IFS=': ' read -r key value; do
                  case "$key" in compression|payload-offset) echo "$value" ;; esac
                done)
            COMPRESSION=$1
            P=$2
            payload() {
              dd if=data iflag=skip_bytes,count_bytes skip="$P" count=$((OFF + BYTES - P)) bs="$BLOCK" 2>/dev/null
            }
            if [ "$COMPRESSION" = zstd ]; then
              payload | zstd -d -q | tar -xf - -C "$OUT"
            else
              payload | tar -xf - -C "$OUT"
            fi
            echo "recovered tape file $N: payload bytes $P to $((OFF + BYTES)), compression $COMPRESSION"
            """;

    private Path sourceTree() throws IOException {
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("etc/conf.d"));
        Files.createDirectories(src.resolve("var/lib/db"));
        Files.createDirectories(src.resolve("empty dir"));
        Files.writeString(src.resolve("etc/hosts"), "127.0.0.1 localhost\n");
        Files.writeString(src.resolve("etc/conf.d/app.conf"), "threads = 4\nname = säge\n");
        Files.write(src.resolve("var/lib/db/table.dat"), Fixtures.random(1_300_000, 1));
        Files.write(src.resolve("var/lib/db/index with spaces.idx"), Fixtures.random(70_000, 2));
        Files.write(src.resolve("var/lib/zero"), new byte[0]);
        Files.writeString(src.resolve("repetitive.log"), "the same line again\n".repeat(20_000));
        return src;
    }

    private List<Section> backUp(Drive drive, Path src, String id, boolean zstd) throws Exception {
        Process tar = new ProcessBuilder("tar", "-cf", "-", "-C", src.toString(), ".")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Section> sections;
        try (InputStream archive = tar.getInputStream();
                TapeFileWriter tape = TapeFileWriter.start(drive, new BackupInfo(id, "fileserver1", "fs", "full",
                        Fixtures.CREATED, zstd ? "zstd" : "none"), (full, section) -> null)) {
            if (zstd) {
                try (ZstdOutputStream z = new ZstdOutputStream(tape).setCloseFrameOnFlush(true)) {
                    archive.transferTo(z);
                    z.flush();
                    sections = tape.finish();
                }
            } else {
                archive.transferTo(tape);
                sections = tape.finish();
            }
        }
        assertEquals(0, tar.waitFor(), "tar -c exit status");
        return sections;
    }

    private void recoverAndCompare(boolean zstd) throws Exception {
        Path src = sourceTree();
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.write(other.resolve("first.bin"), Fixtures.random(200_000, 9));
        Drive drive = Fixtures.labelledDrive(tmp.resolve("vtl"), BLOCK, 64 << 20, 60 << 20);
        backUp(drive, other, "first", zstd);
        List<Section> sections = backUp(drive, src, "second", zstd);
        assertEquals(2, sections.getFirst().fileNumber());
        drive.unload().close();

        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        ProcessBuilder recovery = new ProcessBuilder("sh", "-c", RECOVER).redirectErrorStream(true);
        recovery.environment().put("CARTRIDGE", tmp.resolve("vtl/LF0001L8").toString());
        recovery.environment().put("N", "2");
        recovery.environment().put("BLOCK", Integer.toString(BLOCK));
        recovery.environment().put("OUT", out.toString());
        Process sh = recovery.start();
        String said = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(sh.waitFor(30, TimeUnit.SECONDS), "recovery finished");
        assertEquals(0, sh.exitValue(), "recovery script said: " + said);
        assertTrue(said.contains("compression " + (zstd ? "zstd" : "none")), said);
        assertSameTree(src, out);
    }

    @Test
    void zstdCompressedTarIsRecoveredWithDdZstdAndTarAlone() throws Exception {
        recoverAndCompare(true);
    }

    @Test
    void plainTarIsRecoveredWithDdAndTarAlone() throws Exception {
        recoverAndCompare(false);
    }

    static void assertSameTree(Path expected, Path actual) throws IOException {
        Map<String, byte[]> want = Fixtures.files(expected);
        Map<String, byte[]> got = Fixtures.files(actual);
        FileCartridgeTest.assertFilesEqual(want, got);
        try (var a = Files.walk(expected); var b = Files.walk(actual)) {
            assertEquals(a.filter(Files::isDirectory).map(expected::relativize).map(Path::toString).sorted().toList(),
                    b.filter(Files::isDirectory).map(actual::relativize).map(Path::toString).sorted().toList());
        }
        assertTrue(got.containsKey("var/lib/db/index with spaces.idx"));
    }
}
