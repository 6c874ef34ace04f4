package org.lanfree.cli.media;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lanfree media-server}: groups the media server's commands. */
@Command(name = "media-server", description = "Run the media server: tape library, catalog, operator's admin port.",
        subcommands = {MediaServerStartCommand.class})
public final class MediaServerCommand implements Runnable {

    @Spec
    CommandSpec command;

    @Override
    public void run() {
        throw new ParameterException(command.commandLine(), "media-server needs a command: start");
    }
}
