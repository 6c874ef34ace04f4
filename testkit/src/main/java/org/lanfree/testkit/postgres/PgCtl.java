package org.lanfree.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one data directory's initdb and pg_ctl as the cluster's OS user; the server logs to {@code logFile}. */
final class PgCtl {

    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);

    private final PostgresBinaries binaries;
    private final OsUser user;
    private final Path dataDir;
    private final Path logFile;

    PgCtl(PostgresBinaries binaries, OsUser user, Path dataDir, Path logFile) {
        this.binaries = binaries;
        this.user = user;
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    /**
     * Creates the cluster: UTF-8, C locale, no fsync during initdb, the superuser's password
     * from a file in {@code scratchDir} that is deleted afterwards, checksums as asked.
     */
    void initdb(ClusterOptions options, Path scratchDir) {
        Path pwfile = scratchDir.resolve(".pwfile");
        ClusterFiles.writePasswordFile(pwfile, options);
        user.own(pwfile);
        try {
            List<String> cmd = new ArrayList<>(List.of(binaries.program("initdb").toString(), "-D", dataDir.toString(),
                    "-U", options.superuser, "--pwfile=" + pwfile, "-A", "trust", "-E", "UTF8", "--locale=C",
                    "--no-sync", "--no-instructions"));
            boolean byDefault = binaries.version().checksumsByDefault();
            if (options.dataChecksums && !byDefault) {
                cmd.add("--data-checksums");
            } else if (!options.dataChecksums && byDefault) {
                cmd.add("--no-data-checksums");
            }
            Exec.run(user.command(cmd), INITDB_TIMEOUT).orThrow("initdb of " + dataDir,
                    "check that OS user " + user + " can write " + dataDir + " and run " + binaries.binDir());
        } finally {
            try {
                Files.deleteIfExists(pwfile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete password file " + pwfile + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code pg_ctl start -w}; {@code serverOptions} (may be null) go to postgres as {@code -o}. */
    Exec.Result start(String serverOptions, Duration timeout) {
        List<String> args = new ArrayList<>(List.of("start", "-w", "-t", Long.toString(timeout.toSeconds()),
                "-l", logFile.toString()));
        if (serverOptions != null) {
            args.add("-o");
            args.add(serverOptions);
        }
        return run(args, timeout.plusSeconds(30));
    }

    /** {@code pg_ctl stop -w -m MODE} (fast, immediate, smart). */
    Exec.Result stop(String mode, Duration timeout) {
        return run(List.of("stop", "-m", mode, "-w", "-t", Long.toString(timeout.toSeconds())), timeout.plusSeconds(30));
    }

    /** The server log so far. */
    String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + logFile + ": " + e.getMessage(), e);
        }
    }

    private Exec.Result run(List<String> args, Duration timeout) {
        List<String> cmd = new ArrayList<>(List.of(binaries.program("pg_ctl").toString(), "-D", dataDir.toString()));
        cmd.addAll(args);
        return Exec.run(user.command(cmd), Map.of("LC_ALL", "C"), timeout);
    }
}
