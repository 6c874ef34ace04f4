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

/** {@code lanfree list tapes}: every cartridge in the catalog, with pool, state, usage and location. */
@Command(name = "tapes", description = "List every cartridge the catalog knows: pool, state, usage, where it is.")
public final class ListTapesCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--json", description = "Print JSON: [{barcode, pool, state, usedBytes, capacityBytes, tapeFiles,"
            + " writeProtected, library, location, liveBackups}].")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        JsonNode tapes = AdminCall.ask(homeOption.home(), AdminClient.request("list.tapes")).get("tapes");
        PrintWriter out = command.commandLine().getOut();
        out.print(json ? Json.pretty(tapes) + "\n" : table(tapes));
        return 0;
    }

    /** The cartridges as a table; {@code tape status} shows the same columns. */
    public static String table(JsonNode tapes) {
        Table table = new Table("BARCODE", "POOL", "STATE", "USED", "CAPACITY", "FILES", "WP", "LOCATION", "LIVE BACKUPS");
        for (JsonNode t : tapes) {
            table.row(t.get("barcode").asText(), t.get("pool").asText(), t.get("state").asText(),
                    Bytes.format(t.get("usedBytes").asLong()), Bytes.format(t.get("capacityBytes").asLong()),
                    t.get("tapeFiles").asInt(), t.get("writeProtected").asBoolean() ? "yes" : "no",
                    t.get("location").asText(), t.get("liveBackups").asLong());
        }
        return table.isEmpty() ? "no cartridges in the catalog\n" : table.render();
    }
}
