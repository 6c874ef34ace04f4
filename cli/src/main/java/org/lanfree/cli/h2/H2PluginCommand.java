package org.lanfree.cli.h2;

import picocli.CommandLine.Command;

/** {@code lanfree h2-plugin}: helpers for installing the H2 plugin (see sql/h2/README.md). */
@Command(name = "h2-plugin", mixinStandardHelpOptions = true,
        description = "Helpers for the H2 plugin that runs inside an H2 database's JVM (see sql/h2/README.md).",
        subcommands = {PluginConfigCommand.class})
public final class H2PluginCommand {
}
