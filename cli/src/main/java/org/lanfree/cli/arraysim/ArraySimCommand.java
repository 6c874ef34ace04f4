package org.lanfree.cli.arraysim;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lanfree array-sim}: groups the array's commands. */
@Command(name = "array-sim", description = "Run the simulated storage array or look at a running one.",
        subcommands = {ArrayStartCommand.class, ArrayStatusCommand.class})
public final class ArraySimCommand implements Runnable {

    @Spec
    CommandSpec command;

    @Override
    public void run() {
        throw new ParameterException(command.commandLine(), "array-sim needs a command: start or status");
    }
}
