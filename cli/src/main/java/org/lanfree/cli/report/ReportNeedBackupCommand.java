package org.lanfree.cli.report;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.Json;
import org.lanfree.cli.console.Table;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.cli.list.Times;
import org.lanfree.cli.media.AdminCall;
import org.lanfree.media.server.AdminClient;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree report need-backup}: datasets whose newest good backup is older than their policy allows. */
@Command(name = "need-backup", description = "List the datasets of enabled clients whose newest good backup is older"
        + " than their policy's schedule allows, with the reason and the level due.")
public final class ReportNeedBackupCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--json", description = "Print JSON: [{datasetId, client, dataset, kind, policy, levelDue, reason,"
            + " lastBackupAt, lastFullAt, ageSeconds}].")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        JsonNode datasets = AdminCall.ask(homeOption.home(), AdminClient.request("report.need-backup")).get("datasets");
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(datasets));
            return 0;
        }
        Table table = new Table("CLIENT", "DATASET", "KIND", "POLICY", "DUE", "REASON", "LAST BACKUP", "LAST FULL");
        for (JsonNode d : datasets) {
            table.row(d.get("client").asText(), d.get("dataset").asText(), d.get("kind").asText(),
                    d.get("policy").asText(), d.get("levelDue").asText(), d.get("reason").asText(),
                    Times.show(d.get("lastBackupAt")), Times.show(d.get("lastFullAt")));
        }
        out.print(table.isEmpty() ? "every dataset has a backup as recent as its policy asks\n" : table.render());
        return 0;
    }
}
