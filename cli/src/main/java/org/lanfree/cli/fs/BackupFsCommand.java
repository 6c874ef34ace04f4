package org.lanfree.cli.fs;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.cli.media.AdminCall;
import org.lanfree.media.server.AdminClient;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree backup fs --client C --path DIR [--level full|incremental]}. */
@Command(name = "fs", description = {"Back up a folder of a client now: the media server dials the client's"
        + " fs-agent, the files go through the array to tape, every file's entry into the catalog.",
        "Prints the backup id; shows progress while it runs. Exit 0 when the backup is good or has warnings"
                + " (listed), 1 when it failed."})
public final class BackupFsCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--client", required = true, paramLabel = "NAME", description = "The client (see 'lanfree client add').")
    String client;

    @Option(names = "--path", required = true, paramLabel = "DIR", description = "The folder on the client, absolute.")
    String path;

    @Option(names = "--level", defaultValue = "full", paramLabel = "LEVEL",
            description = "full (default) or incremental: only what changed since the last good backup of the folder"
                    + " (a full when there is none).")
    String level;

    @Option(names = "--json", description = "Print JSON: {jobId, backupId, state, level, bytes, error}.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        if (!level.equals("full") && !level.equals("incremental")) {
            throw CommandFailure.usage("--level " + level + " is not a level; expected full or incremental");
        }
        PrintWriter out = command.commandLine().getOut();
        JsonNode started = AdminCall.ask(homeOption.home(), AdminClient.request("backup.fs").put("client", client)
                .put("path", path).put("level", level));
        long jobId = started.get("jobId").asLong();
        String actual = started.get("level").asText();
        if (!json) {
            out.println("backup of " + client + ":" + path + " (" + actual + ") started as job " + jobId
                    + (actual.equals(level) ? "" : "; no good backup to build on, so it is a full"));
            out.flush();
        }
        JsonNode job = new JobFollower(homeOption.home(), json ? null : out).follow(jobId, "backup");
        boolean ok = job.get("state").asText().equals("done");
        if (json) {
            out.println(Json.pretty(Json.object().put("jobId", jobId).put("backupId", job.path("backupId").asLong())
                    .put("state", job.get("state").asText()).put("level", actual)
                    .put("bytes", job.path("bytesDone").asLong()).put("error", job.path("error").asText(null))));
        } else if (ok) {
            out.println("backup " + job.path("backupId").asLong() + " of " + client + ":" + path + " is stored: "
                    + Bytes.format(job.path("bytesDone").asLong())
                    + (job.path("error").isNull() ? "" : "; warnings: " + job.get("error").asText()));
        } else {
            throw CommandFailure.failed("backup of " + client + ":" + path + " failed: " + job.path("error").asText());
        }
        return ok ? 0 : 1;
    }
}
