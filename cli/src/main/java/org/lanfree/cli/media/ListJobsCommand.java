package org.lanfree.cli.media;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.console.Table;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.media.server.AdminClient;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree list jobs}: the job queue, with the mount request of each job waiting for a tape. */
@Command(name = "jobs", description = "List queued, running and waiting jobs (--all: every job), with mount requests.")
public final class ListJobsCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--all", description = "Include finished jobs.")
    boolean all;

    @Option(names = "--json", description = "Print JSON: [{id, kind, state, clientId, datasetId, backupId, claimedBy,"
            + " queuedAt, endedAt, bytesDone, mountRequest, error}].")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        JsonNode jobs = AdminCall.ask(homeOption.home(), AdminClient.request("list.jobs").put("all", all)).get("jobs");
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(jobs));
            return 0;
        }
        Table table = new Table("ID", "KIND", "STATE", "CLAIMED BY", "QUEUED", "DONE", "MOUNT REQUEST / ERROR");
        for (JsonNode j : jobs) {
            String note = !j.path("mountRequest").isNull() ? j.path("mountRequest").asText()
                    : j.path("error").isNull() ? null : j.path("error").asText();
            table.row(j.get("id").asLong(), j.get("kind").asText(), j.get("state").asText(),
                    j.path("claimedBy").isNull() ? null : j.get("claimedBy").asText(), j.get("queuedAt").asText(),
                    Bytes.format(j.get("bytesDone").asLong()), note);
        }
        out.print(table.isEmpty() ? (all ? "no jobs in the catalog\n" : "no pending jobs\n") : table.render());
        return 0;
    }
}
