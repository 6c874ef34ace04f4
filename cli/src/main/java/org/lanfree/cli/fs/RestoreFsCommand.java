package org.lanfree.cli.fs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
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

/** {@code lanfree restore fs --backup ID --target DIR [--path SUBPATH ...] [--force]}. */
@Command(name = "fs", description = {"Restore a file-tree backup into a folder of the client (or of --client):"
        + " the tree exactly as it was at that backup (an incremental's whole chain is applied).",
        "A target that exists and is not empty is refused unless --force. Exit 0 when done, 1 when it failed."})
public final class RestoreFsCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--backup", required = true, paramLabel = "ID", description = "The backup (see 'lanfree list backups').")
    long backup;

    @Option(names = "--target", required = true, paramLabel = "DIR", description = "Where to restore, absolute.")
    String target;

    @Option(names = "--path", paramLabel = "SUBPATH", description = "Restore only this path of the backup (repeatable).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--client", paramLabel = "NAME", description = "Restore onto this client (default: the backup's).")
    String client;

    @Option(names = "--force", description = "Restore into a target that is not empty.")
    boolean force;

    @Option(names = "--json", description = "Print JSON: {jobId, backup, state, bytes, files, error}.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        ObjectNode request = AdminClient.request("restore.fs").put("backup", backup).put("target", target)
                .put("force", force).put("client", client);
        ArrayNode list = request.putArray("paths");
        paths.forEach(list::add);
        JsonNode started = AdminCall.ask(homeOption.home(), request);
        long jobId = started.get("jobId").asLong();
        if (!json) {
            out.println("restore of backup " + backup + " to " + started.get("client").asText() + ":" + target
                    + " started as job " + jobId + " (" + started.get("archives").asInt() + " archive"
                    + (started.get("archives").asInt() == 1 ? "" : "s") + ")");
            out.flush();
        }
        JsonNode job = new JobFollower(homeOption.home(), json ? null : out).follow(jobId, "restore");
        boolean ok = job.get("state").asText().equals("done");
        if (json) {
            out.println(Json.pretty(Json.object().put("jobId", jobId).put("backup", backup)
                    .put("state", job.get("state").asText()).put("bytes", job.path("bytesDone").asLong())
                    .put("files", job.path("filesDone").asLong()).put("error", job.path("error").asText(null))));
        } else if (ok) {
            out.println("restored backup " + backup + " to " + target + ": " + job.path("filesDone").asLong() + " files"
                    + (job.path("error").isNull() ? "" : "; warnings: " + job.get("error").asText()));
        } else {
            throw CommandFailure.failed("restore of backup " + backup + " failed: " + job.path("error").asText());
        }
        return ok ? 0 : 1;
    }
}
