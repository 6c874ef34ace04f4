package org.lanfree.cli.backup;

import org.lanfree.cli.fs.RestoreFsCommand;
import org.lanfree.cli.h2.RestoreH2Command;
import org.lanfree.cli.pg.RestorePgCommand;

import picocli.CommandLine.Command;

/** {@code lanfree restore}: a backup read back from tape through the array, one subcommand per kind. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Read a backup back from the media server through the array and recreate what it holds.",
        subcommands = {RestoreFsCommand.class, RestoreH2Command.class, RestorePgCommand.class})
public final class RestoreCommand {
}
