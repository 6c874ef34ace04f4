package org.lanfree.cli.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder of one deployment. Layout: configuration files at the top, {@code logs/NAME.log}
 * for each daemon's stdout and stderr, {@code run/NAME.pid} for each running daemon (and the
 * array's Unix socket, by default).
 */
public record Home(Path dir) {

    public Home {
        dir = dir.toAbsolutePath().normalize();
    }

    public static Home of(Path dir) {
        return new Home(dir);
    }

    /** A file of the deployment, by its path relative to the home. */
    public Path file(String relative) {
        return dir.resolve(relative);
    }

    public Path runDir() {
        return dir.resolve("run");
    }

    public Path logsDir() {
        return dir.resolve("logs");
    }

    public Path pidFile(String daemon) {
        return runDir().resolve(daemon + ".pid");
    }

    public Path log(String daemon) {
        return logsDir().resolve(daemon + ".log");
    }

    /** Creates the home, {@code logs/} and {@code run/} when absent. */
    public void createLayout() throws IOException {
        Files.createDirectories(runDir());
        Files.createDirectories(logsDir());
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
