package org.lanfree.cli.backup;

import org.lanfree.cli.fs.BackupFsCommand;
import org.lanfree.cli.h2.BackupH2Command;
import org.lanfree.cli.pg.BackupPgCommand;

import picocli.CommandLine.Command;

/** {@code lanfree backup}: a backup started by the operator, one subcommand per kind of data. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Take a backup now and store it through the array on the media server's tapes.",
        subcommands = {BackupFsCommand.class, BackupH2Command.class, BackupPgCommand.class})
public final class BackupCommand {
}
