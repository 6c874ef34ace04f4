package org.lanfree.cli.media;

import org.lanfree.cli.list.ListBackupsCommand;
import org.lanfree.cli.list.ListFilesCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lanfree list}: what the catalog holds, asked of the running media server. */
@Command(name = "list", description = "List what the media server's catalog holds.",
        subcommands = {ListBackupsCommand.class, ListFilesCommand.class, ListTapesCommand.class,
                ListJobsCommand.class})
public final class ListCommand implements Runnable {

    @Spec
    CommandSpec command;

    @Override
    public void run() {
        throw new ParameterException(command.commandLine(), "list needs a command: backups, files, tapes or jobs");
    }
}
