package org.lanfree.cli.transport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lanfree transport}: the transport check's four roles. */
@Command(name = "transport", description = {
        "Check the transport between two hosts, like iperf for backup administrators: each handshake runs "
                + "for real over the LAN and the array and moves test data through an STP connection, checked "
                + "by CRC32C per frame and SHA-256 on both ends.",
        "File-system flow (the server initiates): 'fs-agent' listens, 'fs-server' connects and asks for bytes.",
        "Database flow (the client initiates): 'db-server' listens, 'db-agent' dials it and sends bytes."},
        subcommands = {FsAgentCommand.class, FsServerCommand.class, DbServerCommand.class, DbAgentCommand.class})
public final class TransportCommand implements Runnable {

    @Spec
    CommandSpec command;

    @Override
    public void run() {
        throw new ParameterException(command.commandLine(),
                "transport needs a role: fs-agent, fs-server, db-server or db-agent");
    }
}
