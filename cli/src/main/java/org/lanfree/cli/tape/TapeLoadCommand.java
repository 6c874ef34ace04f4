package org.lanfree.cli.tape;

import java.util.concurrent.Callable;

import org.lanfree.media.server.AdminClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanfree tape load BARCODE [--drive N]}: the robot moves a cartridge from its slot into a drive. */
@Command(name = "load", description = "Load a cartridge from its slot into a drive (the first empty one by default).")
public final class TapeLoadCommand extends TapeAction implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BARCODE", description = "The cartridge, e.g. LF0001L8.")
    String barcode;

    @Option(names = "--drive", paramLabel = "N", description = "Drive number, from 0.")
    Integer drive;

    @Override
    public Integer call() {
        var request = AdminClient.request("tape.load").put("barcode", barcode);
        if (drive != null) {
            request.put("drive", drive);
        }
        return perform(request, "loaded");
    }
}
