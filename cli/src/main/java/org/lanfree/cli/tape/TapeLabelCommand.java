package org.lanfree.cli.tape;

import java.util.concurrent.Callable;

import org.lanfree.media.server.AdminClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanfree tape label BARCODE --pool P}: write a new volume label and put the cartridge in a pool. */
@Command(name = "label", description = {"Write a new volume label on a cartridge (erasing it) and put it in POOL.",
        "A cartridge holding tape files is only relabelled with --force, and never while the catalog holds live"
                + " backups on it. The cartridge must not be in a drive."})
public final class TapeLabelCommand extends TapeAction implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BARCODE", description = "The cartridge, e.g. LF0001L8.")
    String barcode;

    @Option(names = "--pool", paramLabel = "P", required = true, description = "Pool to put it in (scratch, or a policy's pool).")
    String pool;

    @Option(names = "--force", description = "Relabel even though it holds tape files.")
    boolean force;

    @Override
    public Integer call() {
        return perform(AdminClient.request("tape.label").put("barcode", barcode).put("pool", pool).put("force", force),
                "labelled into pool " + pool);
    }
}
