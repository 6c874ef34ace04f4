package org.lanfree.cli.tape;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.Json;
import org.lanfree.cli.console.Table;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.cli.media.AdminCall;
import org.lanfree.cli.media.ListTapesCommand;
import org.lanfree.media.server.AdminClient;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree tape status}: drives, slots, cartridges and pending mount requests, as mtx and the catalog see them. */
@Command(name = "status", description = "Show the library: drives, storage and import/export slots, every cartridge"
        + " (barcode, pool, used, state, location) and jobs waiting for a cartridge.")
public final class TapeStatusCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--json", description = "Print JSON: {library, drives: [{drive, barcode}], slots: [{slot, kind,"
            + " barcode}], cartridges: [...as list tapes], mountRequests: [{jobId, request, since}]}.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        JsonNode status = AdminCall.ask(homeOption.home(), AdminClient.request("tape.status"));
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(status));
            return 0;
        }
        out.println("library " + status.get("library").asText());
        Table elements = new Table("ELEMENT", "CARTRIDGE");
        for (JsonNode d : status.get("drives")) {
            elements.row("drive " + d.get("drive").asInt(), d.get("barcode").isNull() ? "empty" : d.get("barcode").asText());
        }
        for (JsonNode s : status.get("slots")) {
            String name = (s.get("kind").asText().equals("ie") ? "ie " : "slot ") + s.get("slot").asInt();
            elements.row(name, s.get("barcode").isNull() ? "empty" : s.get("barcode").asText());
        }
        out.print(elements.render());
        out.println();
        out.print(ListTapesCommand.table(status.get("cartridges")));
        JsonNode mounts = status.get("mountRequests");
        if (mounts.isEmpty()) {
            out.println("\nno pending mount requests");
        } else {
            Table requests = new Table("JOB", "WAITING SINCE", "MOUNT REQUEST");
            mounts.forEach(m -> requests.row(m.get("jobId").asLong(), m.get("since").asText(), m.get("request").asText()));
            out.println();
            out.print(requests.render());
        }
        return 0;
    }
}
