package org.lanfree.cli.tape;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lanfree tape}: groups the tape library commands. */
@Command(name = "tape", description = {"Look at and operate the media server's tape library.",
        "Exit codes: 0 done, 1 refused or failed (nothing changed), 2 bad usage."},
        subcommands = {TapeStatusCommand.class, TapeLabelCommand.class, TapeLoadCommand.class, TapeUnloadCommand.class,
                TapeImportCommand.class, TapeExportCommand.class})
public final class TapeCommand implements Runnable {

    @Spec
    CommandSpec command;

    @Override
    public void run() {
        throw new ParameterException(command.commandLine(),
                "tape needs a command: status, label, load, unload, import or export");
    }
}
