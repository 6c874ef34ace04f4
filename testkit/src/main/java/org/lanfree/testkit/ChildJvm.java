package org.lanfree.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A Java main class running in its own process, started with this JVM's java binary and
 * classpath, its stdout and stderr captured together in a log file. {@code close()} kills it if
 * it still runs, so a failed test leaves no process behind.
 */
public final class ChildJvm implements AutoCloseable {

    private static final int TAIL_LINES = 30;

    private final String mainClass;
    private final Process process;
    private final Path log;

    private ChildJvm(String mainClass, Process process, Path log) {
        this.mainClass = mainClass;
        this.process = process;
        this.log = log;
    }

    /** Starts describing a child that runs {@code mainClass}. */
    public static Builder main(String mainClass) {
        return new Builder(mainClass);
    }

    /** The java binary of the running JVM. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Everything the child has written so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read child log " + log + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until a line of the output matches {@code pattern} and returns it. Fails at once if
     * the child exits without printing it, and after {@code timeout} otherwise.
     */
    public String awaitLine(Pattern pattern, Duration timeout) {
        return Await.until(() -> {
            for (String line : output().split("\n")) {
                if (pattern.matcher(line).find()) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(describe() + " exited with " + process.exitValue()
                        + " before printing a line matching /" + pattern + "/; its last lines:\n" + tail());
            }
            return null;
        }, timeout, "a line matching /" + pattern + "/ from " + describe());
    }

    /** Waits for the child to exit and returns its exit code; fails after {@code timeout}. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(describe() + " still runs after " + timeout.toMillis()
                        + " ms; its last lines:\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + describe(), e);
        }
    }

    /** Asks the child to stop (SIGTERM). */
    public void terminate() {
        process.destroy();
    }

    /** Stops the child at once (SIGKILL) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** The last lines of the output, for failure messages. */
    public String tail() {
        String[] lines = output().split("\n");
        int from = Math.max(0, lines.length - TAIL_LINES);
        return String.join("\n", List.of(lines).subList(from, lines.length));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private String describe() {
        return "child JVM " + mainClass + " (pid " + process.pid() + ")";
    }

    /** What to start: arguments, JVM options, environment and the log file. */
    public static final class Builder {

        private final String mainClass;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private Path log;
        private Path workDir;

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        public Builder jvmOptions(String... values) {
            jvmOptions.addAll(List.of(values));
            return this;
        }

        /** Sets an environment variable; a null value removes it from the inherited environment. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Where stdout and stderr go; a temporary file when not given. */
        public Builder log(Path file) {
            this.log = file;
            return this;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        public ChildJvm start() {
            try {
                Path out = log != null ? log : Files.createTempFile("childjvm-", ".log");
                if (out.getParent() != null) {
                    Files.createDirectories(out.getParent());
                }
                List<String> command = new ArrayList<>();
                command.add(javaBinary());
                command.addAll(jvmOptions);
                command.add("-cp");
                command.add(System.getProperty("java.class.path"));
                command.add(mainClass);
                command.addAll(args);
                ProcessBuilder pb = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                if (workDir != null) {
                    pb.directory(workDir.toFile());
                }
                env.forEach((k, v) -> {
                    if (v == null) {
                        pb.environment().remove(k);
                    } else {
                        pb.environment().put(k, v);
                    }
                });
                return new ChildJvm(mainClass, pb.start(), out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start child JVM " + mainClass + ": " + e.getMessage(), e);
            }
        }
    }
}
