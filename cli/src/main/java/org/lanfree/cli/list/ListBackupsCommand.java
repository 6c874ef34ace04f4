package org.lanfree.cli.list;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.console.Table;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.cli.media.AdminCall;
import org.lanfree.media.server.AdminClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree list backups}: the catalog's backups, oldest first, filtered by client, start time and status. */
@Command(name = "backups", description = "List backups from the catalog, oldest first.")
public final class ListBackupsCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--client", paramLabel = "C", description = "Only backups of this client.")
    String client;

    @Option(names = "--since", paramLabel = "T", converter = Since.class,
            description = "Only backups started at or after T: an age (30m, 12h, 7d, 2w), an ISO date (2025-06-01)"
                    + " or date-time (2025-06-01T12:00, 2025-06-01T12:00:00Z); local time unless it has an offset.")
    Instant since;

    @Option(names = "--status", paramLabel = "S", split = ",", converter = StatusConverter.class,
            description = "Only backups in these statuses: running, good, warnings, failed, damaged, expired"
                    + " (comma-separated or repeated).")
    List<String> statuses;

    @Option(names = "--json", description = "Print JSON: [{id, client, dataset, kind, level, parentId, status, bytes,"
            + " storedBytes, files, started, ended, pool, compression, note}]; times are ISO-8601 UTC, ended is"
            + " null while running.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        ObjectNode request = AdminClient.request("list.backups").put("client", client)
                .put("since", since == null ? null : since.toString());
        ArrayNode wanted = request.putArray("statuses");
        if (statuses != null) {
            statuses.forEach(wanted::add);
        }
        JsonNode backups = AdminCall.ask(homeOption.home(), request).get("backups");
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(backups));
            return 0;
        }
        Table table = new Table("ID", "CLIENT", "DATASET", "KIND", "LEVEL", "STATUS", "SIZE", "STARTED", "ENDED");
        for (JsonNode b : backups) {
            table.row(b.get("id").asLong(), b.get("client").asText(), b.get("dataset").asText(),
                    b.get("kind").asText(), b.get("level").asText(), b.get("status").asText(),
                    Bytes.format(b.get("bytes").asLong()), Times.show(b.get("started")), Times.show(b.get("ended")));
        }
        out.print(table.isEmpty() ? "no backups match\n" : table.render());
        return 0;
    }
}
