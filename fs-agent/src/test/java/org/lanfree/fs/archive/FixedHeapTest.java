package org.lanfree.fs.archive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.fs.testtree.Commands;

/** The agent's heap does not grow with the tree: a backup of many files runs in a child JVM with a small fixed heap. */
class FixedHeapTest {

    private static final int FOLDERS = 50;
    private static final int FILES_PER_FOLDER = 400;

    @TempDir
    Path temp;

    /** Runs in 6 MiB today; keeping one checksum line per file in memory makes it fail. */
    @Test
    void aTreeOfTwentyThousandFilesIsArchivedInEightMebibytesOfHeap() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        // long names make anything kept per file cost some 300 bytes or more
        String stem = "a-file-name-long-enough-that-keeping-one-per-file-would-show-".repeat(4);
        for (int d = 0; d < FOLDERS; d++) {
            Path folder = Files.createDirectory(source.resolve("folder-" + d));
            for (int f = 0; f < FILES_PER_FOLDER; f++) {
                Files.createFile(folder.resolve(stem + f));
            }
        }
        String classpath = location(TreeArchiver.class) + File.pathSeparator + location(ArchiveAsUser.class);

        String output = Commands.run(temp, ProcessHandle.current().info().command().orElseThrow(), "-Xmx8m",
                "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-cp", classpath, ArchiveAsUser.class.getName(),
                source.toString(), temp.resolve("backup.tar").toString());

        assertTrue(output.contains("files=" + FOLDERS * FILES_PER_FOLDER + ",") && output.contains("warnings=0"), output);
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
