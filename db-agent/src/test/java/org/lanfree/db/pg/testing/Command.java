package org.lanfree.db.pg.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command such as tar or pg_verifybackup and returns its exit code and output. */
public record Command(List<String> argv, int exitCode, String output) {

    public static Command run(String... argv) {
        try {
            File out = File.createTempFile("lanfree-cmd-", ".out");
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", argv) + " still ran after 120 s");
                }
                return new Command(List.of(argv), p.exitValue(), java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8));
            } finally {
                out.delete();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", argv), e);
        }
    }

    /** Throws with the output unless the command exited 0. */
    public Command ok() {
        if (exitCode != 0) {
            throw new AssertionError(String.join(" ", argv) + " exited " + exitCode + ", expected 0:\n" + output);
        }
        return this;
    }
}
