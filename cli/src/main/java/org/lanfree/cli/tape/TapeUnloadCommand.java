package org.lanfree.cli.tape;

import java.util.concurrent.Callable;

import org.lanfree.media.server.AdminClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanfree tape unload --drive N}: the robot returns a drive's cartridge to its slot. */
@Command(name = "unload", description = "Unload a drive: its cartridge goes back to the slot it came from"
        + " (or the first empty slot).")
public final class TapeUnloadCommand extends TapeAction implements Callable<Integer> {

    @Option(names = "--drive", paramLabel = "N", required = true, description = "Drive number, from 0.")
    int drive;

    @Override
    public Integer call() {
        return perform(AdminClient.request("tape.unload").put("drive", drive), "unloaded from drive " + drive);
    }
}
