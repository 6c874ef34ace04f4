package org.lanfree.testkit.postgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command to completion. Output goes to a temporary file rather than a pipe, so a
 * daemon that the command leaves behind (pg_ctl's postmaster) cannot hold the caller up.
 */
final class Exec {

    private static final int TAIL_CHARS = 4000;

    private Exec() {
    }

    /** The result of a finished command. */
    record Result(List<String> command, int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }

        /** Throws unless the command exited 0, naming the command, its exit code and output. */
        Result orThrow(String what, String hint) {
            if (!ok()) {
                throw new IllegalStateException(what + " failed: `" + String.join(" ", command) + "` exited with "
                        + exitCode + ", expected 0; output:\n" + tail(output) + "\nHINT: " + hint);
            }
            return this;
        }
    }

    static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("lanfree-exec-", ".out");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("`" + String.join(" ", command) + "` still ran after "
                        + timeout.toSeconds() + " s and was killed; output:\n" + tail(read(out)));
            }
            return new Result(command, p.exitValue(), read(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run `" + String.join(" ", command) + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running `" + String.join(" ", command) + "`", e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    static Result run(List<String> command, Duration timeout) {
        return run(command, Map.of(), timeout);
    }

    static String tail(String text) {
        return text.length() <= TAIL_CHARS ? text : "..." + text.substring(text.length() - TAIL_CHARS);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** True when {@code name} is an executable on the PATH. */
    static boolean onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
