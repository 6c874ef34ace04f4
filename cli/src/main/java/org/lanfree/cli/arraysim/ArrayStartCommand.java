package org.lanfree.cli.arraysim;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lanfree.array.ArrayDaemon;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanfree array-sim start}: the array in the foreground until SIGTERM or SIGINT. */
@Command(name = "start", description = {
        "Run the array in the foreground, logging to stdout, until SIGTERM or Ctrl-C.",
        "Exit codes: 0 after a clean stop, 2 when the configuration is bad."})
public final class ArrayStartCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "The array's configuration (see 'lanfree up' for a generated one).")
    Path config;

    @Override
    public Integer call() {
        // Checked here as well so a bad file fails with the command line's own message and code.
        ArraySimDaemon.read(config);
        return ArrayDaemon.runForeground(config.toAbsolutePath());
    }
}
