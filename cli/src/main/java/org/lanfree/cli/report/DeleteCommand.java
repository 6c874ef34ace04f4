package org.lanfree.cli.report;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lanfree delete}: removing what the catalog no longer needs. */
@Command(name = "delete", description = "Expire backups that retention lets go.",
        subcommands = DeleteObsoleteCommand.class)
public final class DeleteCommand implements Runnable {

    @Spec
    CommandSpec command;

    @Override
    public void run() {
        throw new ParameterException(command.commandLine(), "delete needs a command: obsolete");
    }
}
