package org.lanfree.fs.testtree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs real tools (GNU tar, sha256sum, diff) for tests and returns their output, failing on a non-zero exit. */
public final class Commands {

    private Commands() {
    }

    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        int exit = p.waitFor();
        if (exit != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + exit + ":\n" + out);
        }
        return out;
    }
}
