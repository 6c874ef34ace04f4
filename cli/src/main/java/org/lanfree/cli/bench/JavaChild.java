package org.lanfree.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lanfree.cli.console.CommandFailure;

/**
 * A child JVM running {@code lanfree} with the same Java and classpath as this process; its
 * output lines are collected so the parent can wait for a line and read results.
 */
final class JavaChild implements AutoCloseable {

    private final String name;
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    private JavaChild(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread.ofVirtual().start(this::collect);
    }

    static JavaChild start(String name, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.lanfree.cli.Main");
        cmd.addAll(List.of(args));
        try {
            return new JavaChild(name, new ProcessBuilder(cmd).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw CommandFailure.failed("cannot start the " + name + " process: " + e.getMessage(), e);
        }
    }

    private void collect() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (all) {
                    all.add(line);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output lost: " + e.getMessage() + ")");
        }
    }

    /** Waits for a line matching {@code pattern}; returns its match. */
    Matcher await(Pattern pattern, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(Math.min(left, 100_000_000L), TimeUnit.NANOSECONDS) : null;
                if (line != null) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                } else if (!process.isAlive() && lines.isEmpty()) {
                    throw CommandFailure.failed("the " + name + " process exited with code " + process.exitValue()
                            + " before printing '" + pattern + "'; it said:\n" + output());
                } else if (left <= 0) {
                    throw CommandFailure.failed("the " + name + " process did not print '" + pattern + "' within "
                            + seconds + " s; it said:\n" + output());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("interrupted while waiting for the " + name + " process");
        }
    }

    String output() {
        synchronized (all) {
            return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
        }
    }

    long pid() {
        return process.pid();
    }

    int waitFor(long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw CommandFailure.failed("the " + name + " process did not finish within " + seconds + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("interrupted while waiting for the " + name + " process");
        }
    }

    /** Stops the process with SIGTERM (SIGKILL after 10 s). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
