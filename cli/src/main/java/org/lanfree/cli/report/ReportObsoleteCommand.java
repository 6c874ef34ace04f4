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

/** {@code lanfree report obsolete}: what {@code delete obsolete} would expire now, and the cartridges it would free. */
@Command(name = "obsolete", description = "List the backups and WAL past their policy's recovery window that no"
        + " restore inside it needs (what 'delete obsolete' would expire), and the cartridges it would return to"
        + " scratch.")
public final class ReportObsoleteCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--json", description = "Print JSON: {backups: [{id, client, dataset, kind, level, status, ended,"
            + " retentionDays, storedBytes, reason}], wal: [{walRangeId, client, dataset, timeline, startLsn, endLsn,"
            + " bytes, location}], cartridges: [barcode]}.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        JsonNode result = AdminCall.ask(homeOption.home(), AdminClient.request("report.obsolete"));
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(result));
        } else {
            ObsoleteView.print(out, result, "obsolete", "that would return");
        }
        return 0;
    }
}
