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
 * {@code lanfree crosscheck}: reads backups back from their cartridges and says per backup OK,
 * DAMAGED (barcode, block) or MISSING (cartridge not in the library). Exit 0 when every backup
 * checked is OK, 1 otherwise.
 */
@Command(name = "crosscheck", description = "Read each good backup (or one, with --backup) back from its cartridges:"
        + " tape file headers and every block's checksum. A damaged backup is marked damaged in the catalog; one"
        + " whose cartridge is not in the library is reported missing. Exit 0 when every backup is OK, 1 otherwise.")
public final class CrosscheckCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--backup", paramLabel = "ID", description = "Check only this backup (good, warnings or damaged).")
    Long backup;

    @Option(names = "--json", description = "Print JSON: {backups: [{id, client, dataset, result (ok, damaged,"
            + " missing), status, barcode, block, record, missingBarcodes, bytes, detail}], ok, damaged, missing}.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        JsonNode result = AdminCall.ask(homeOption.home(), AdminClient.request("crosscheck").put("backup", backup));
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(result));
        } else {
            for (JsonNode b : result.get("backups")) {
                out.println(line(b));
            }
            out.println("crosscheck: " + result.get("backups").size() + " backups: " + result.get("ok").asInt()
                    + " OK, " + result.get("damaged").asInt() + " DAMAGED, " + result.get("missing").asInt()
                    + " MISSING");
        }
        return result.get("damaged").asInt() == 0 && result.get("missing").asInt() == 0 ? 0 : 1;
    }

    private static String line(JsonNode b) {
        String name = "backup " + b.get("id").asLong() + " (" + b.get("client").asText() + ":"
                + b.get("dataset").asText() + "): ";
        return switch (b.get("result").asText()) {
            case "ok" -> name + "OK" + ("damaged".equals(b.get("status").asText())
                    ? " (reads back now; the catalog keeps it damaged)" : "");
            case "damaged" -> name + "DAMAGED (" + b.path("barcode").asText("?")
                    + (b.path("block").isNull() || b.path("block").isMissingNode() ? "" : ", block "
                    + b.get("block").asText()) + "): " + b.get("detail").asText();
            default -> name + "MISSING" + (b.get("missingBarcodes").isEmpty() ? "" : " ("
                    + join(b.get("missingBarcodes")) + ")") + ": " + b.get("detail").asText();
        };
    }

    private static String join(JsonNode texts) {
        StringBuilder out = new StringBuilder();
        texts.forEach(t -> out.append(out.isEmpty() ? "" : ", ").append(t.asText()));
        return out.toString();
    }
}
