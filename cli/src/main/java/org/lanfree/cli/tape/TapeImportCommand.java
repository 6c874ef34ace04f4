package org.lanfree.cli.tape;

import java.util.concurrent.Callable;

import org.lanfree.media.server.AdminClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lanfree tape import BARCODE}: bring a cartridge through the import/export slot into a storage slot. */
@Command(name = "import", description = {"Bring a cartridge into the library's first empty storage slot.",
        "It comes from the import/export slot; a barcode the library does not hold comes in through it: the"
                + " exported cartridge from the shelf, or else a new blank one in pool scratch."})
public final class TapeImportCommand extends TapeAction implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BARCODE", description = "The cartridge, e.g. LF0011L8.")
    String barcode;

    @Override
    public Integer call() {
        return perform(AdminClient.request("tape.import").put("barcode", barcode), "imported");
    }
}
