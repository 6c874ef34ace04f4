package org.lanfree.fs.testtree;

import java.io.IOException;
import java.nio.file.Path;

/** JUnit cannot delete paths past PATH_MAX, so tests with deep trees empty their temp folders with {@code rm -rf} first. */
public final class Cleanup {

    private Cleanup() {
    }

    public static void emptyFolder(Path folder) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("find", folder.toString(), "-mindepth", "1", "-maxdepth", "1", "-exec", "rm", "-rf", "{}", "+")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("emptying " + folder + " failed: " + out);
        }
    }
}
