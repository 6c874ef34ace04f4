package org.lanfree.cli.report;

import java.io.PrintWriter;
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
import picocli.CommandLine.Spec;

/**
 * {@code lanfree delete obsolete}: expires what {@code report obsolete} lists and returns cartridges
 * left without live data to scratch (erased).
 */
@Command(name = "obsolete", description = "Expire the backups and WAL that retention lets go (never a full a live"
        + " incremental depends on, nor WAL inside a recovery window), then erase each cartridge left without live"
        + " data and return it to the scratch pool.")
public final class DeleteObsoleteCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--dry-run", description = "Only show what would be expired and erased.")
    boolean dryRun;

    @Option(names = "--json", description = "Print JSON: {dryRun, backups: [...as report obsolete], wal: [...],"
            + " cartridges: [barcode returned (or, dry run, to be returned) to scratch], skipped: [{barcode,"
            + " reason}]}.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        JsonNode result = AdminCall.ask(homeOption.home(), AdminClient.request("delete.obsolete").put("dryRun", dryRun));
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(result));
        } else if (dryRun) {
            ObsoleteView.print(out, result, "that would expire", "that would return");
        } else {
            ObsoleteView.print(out, result, "expired", "returned");
        }
        return 0;
    }
}
