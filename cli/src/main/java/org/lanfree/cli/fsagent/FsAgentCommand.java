package org.lanfree.cli.fsagent;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lanfree.fs.agent.FsAgent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanfree fs-agent start --config FILE}: the file agent in the foreground. */
@Command(name = "fs-agent", description = "The file agent: backs up and restores folders of this host when the media"
        + " server asks.", subcommands = FsAgentCommand.Start.class)
public final class FsAgentCommand {

    @Command(name = "start", description = {
            "Run the fs-agent in the foreground, logging to stdout, until SIGTERM or Ctrl-C.",
            "The array must be running. Exit codes: 0 after a clean stop, 1 when it cannot start,"
                    + " 2 when the configuration is bad."})
    static final class Start implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", required = true,
                description = "The agent's configuration (see 'lanfree up' for a generated one).")
        Path config;

        @Override
        public Integer call() {
            FsAgentDaemon.read(config);
            return FsAgent.runForeground(config.toAbsolutePath());
        }
    }
}
