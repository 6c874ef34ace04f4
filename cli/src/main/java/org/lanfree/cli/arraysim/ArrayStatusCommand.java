package org.lanfree.cli.arraysim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lanfree.array.config.ArrayConfig;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.Home;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree array-sim status}: attaches to a running array and shows what it is doing. */
@Command(name = "status", description = {
        "Attach to the array of a deployment and show its directors (queue depth and "
                + "capacity), cache (slots, used, hit ratio, write-pending), STG groups, open STP "
                + "connections and bytes moved.",
        "Exit code 1 when no array answers."})
public final class ArrayStatusCommand implements Callable<Integer> {

    private static final String HOST_NAME = "lanfree-status";

    @Mixin
    HomeOption homeOption;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Find the array from this configuration instead of DIR/array.conf.")
    Path config;

    @Option(names = "--json", description = "Print the array's status object as JSON.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Path file;
        String hint;
        if (config != null) {
            file = config.toAbsolutePath();
            hint = "is it running? start it with 'lanfree array-sim start --config " + file + "'";
        } else {
            Home home = homeOption.home();
            file = home.file(ArraySimDaemon.CONFIG_FILE);
            hint = "is the deployment up? start it with 'lanfree up --home " + home + "'";
            if (!Files.exists(file)) {
                throw CommandFailure.failed("no array configuration at " + file + ", so " + home
                        + " holds no deployment. HINT: create and start one with 'lanfree up --home " + home + "'");
            }
        }
        ArrayConfig array = ArraySimDaemon.read(file);
        JsonNode status = Json.parse(fetch(array, hint), "the array at " + array.unixSocket());
        command.commandLine().getOut().print(json ? Json.pretty(status) + "\n"
                : ArrayStatusView.render(ChannelAddress.unix(array.unixSocket()).toString(), status));
        return 0;
    }

    private static String fetch(ArrayConfig array, String hint) {
        Path socket = array.unixSocket();
        ArrayDriver driver;
        try {
            driver = ArrayDriver.attach(ChannelAddress.unix(socket), HOST_NAME, array.channelSecret());
        } catch (ChannelException e) {
            if (e.error() == ChannelError.AUTH_FAILED) {
                throw CommandFailure.failed("the array at " + socket + " refused this host: " + e.getMessage(), e);
            }
            throw CommandFailure.failed("no array answers at " + socket + ": " + hint, e);
        } catch (IOException e) {
            throw CommandFailure.failed("no array answers at " + socket + ": " + hint, e);
        }
        try (driver) {
            return driver.statusJson();
        } catch (IOException e) {
            throw CommandFailure.failed("the array at " + socket + " accepted this host but its status request failed: "
                    + e.getMessage() + ". HINT: read the array's log (DIR/logs/array-sim.log in a deployment)", e);
        }
    }
}
