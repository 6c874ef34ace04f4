package org.lanfree.cli.fs;

import java.util.concurrent.Callable;

import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.cli.media.AdminCall;
import org.lanfree.media.server.AdminClient;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lanfree client add NAME --host HOST --port PORT}: where the media server dials a client's fs-agent. */
@Command(name = "client", description = "Register clients with the media server.",
        subcommands = ClientCommand.Add.class)
public final class ClientCommand {

    @Command(name = "add", description = {"Register a client (or move one) at the address of its fs-agent: the"
            + " media server dials HOST:PORT (the agent's well-known port) for its file-tree backups."})
    static final class Add implements Callable<Integer> {

        @Mixin
        HomeOption homeOption;

        @Parameters(index = "0", paramLabel = "NAME", description = "The client's name, e.g. fileserver1.")
        String name;

        @Option(names = "--host", required = true, paramLabel = "HOST", description = "Its host name or address.")
        String host;

        @Option(names = "--port", required = true, paramLabel = "PORT", description = "Its fs-agent's well-known port.")
        int port;

        @Option(names = "--json", description = "Print JSON: {name, host, port}.")
        boolean json;

        @Spec
        CommandSpec command;

        @Override
        public Integer call() {
            JsonNode c = AdminCall.ask(homeOption.home(), AdminClient.request("client.add").put("name", name)
                    .put("host", host).put("port", port));
            command.commandLine().getOut().println(json ? Json.pretty(c) : "client " + c.get("name").asText()
                    + " at " + c.get("host").asText() + ":" + c.get("port").asInt());
            return 0;
        }
    }
}
