package org.lanfree.cli.tape;

import java.util.concurrent.Callable;

import org.lanfree.media.server.AdminClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanfree tape export BARCODE [--remove]}: move a cartridge to the import/export slot (and out). */
@Command(name = "export", description = {"Move a cartridge from its storage slot to the import/export slot.",
        "With --remove it is also taken out to the shelf (the catalog shows it as outside), freeing the slot."})
public final class TapeExportCommand extends TapeAction implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BARCODE", description = "The cartridge, e.g. LF0001L8.")
    String barcode;

    @Option(names = "--remove", description = "Take it out of the import/export slot to the shelf.")
    boolean remove;

    @Override
    public Integer call() {
        return perform(AdminClient.request("tape.export").put("barcode", barcode).put("remove", remove),
                remove ? "exported and taken out" : "exported");
    }
}
