package org.lanfree.cli.report;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lanfree report}: questions about the catalog that retention and policies answer. */
@Command(name = "report", description = "Report what needs a backup and what retention lets go.",
        subcommands = {ReportNeedBackupCommand.class, ReportObsoleteCommand.class})
public final class ReportCommand implements Runnable {

    @Spec
    CommandSpec command;

    @Override
    public void run() {
        throw new ParameterException(command.commandLine(), "report needs a command: need-backup or obsolete");
    }
}
