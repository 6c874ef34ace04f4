package org.lanfree.cli.transport;

import java.io.IOException;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;

/**
 * This process attached to the array as one host: the driver of its channel and the socket
 * layer that serves both NET and STP descriptors through it. Closing detaches the host.
 */
public record ArrayHost(String name, ArrayDriver driver, SocketLayer layer) implements AutoCloseable {

    /**
     * Attaches as {@code name} at {@code channel} ({@code unix:PATH} or {@code tcp:HOST:PORT}),
     * proving {@code channelSecret} when the array has one (null: it has none); a malformed
     * address is a usage error, an array that does not answer or refuses the host a failure.
     */
    public static ArrayHost attach(String channel, String name, SharedSecret channelSecret) {
        ChannelAddress where;
        try {
            where = ChannelAddress.parse(channel);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--channel " + e.getMessage());
        }
        ArrayDriver driver;
        try {
            driver = ArrayDriver.attach(where, name, channelSecret);
        } catch (ChannelException e) {
            if (e.error() == ChannelError.AUTH_FAILED) {
                throw CommandFailure.failed("the array at " + where + " refused " + name + ": " + e.getMessage()
                        + (channelSecret == null ? ". HINT: the array has a channel secret; pass its file"
                                + " (channel.secret-file in array.conf) with --channel-secret-file" : ""), e);
            }
            throw CommandFailure.failed(name + " cannot attach to the array at " + where + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw CommandFailure.failed(name + " cannot attach to the array at " + where + ": " + e.getMessage(), e);
        }
        return new ArrayHost(name, driver, new SocketLayer(driver));
    }

    /** How this host reaches the array, e.g. {@code unix:/tmp/x/run/array.sock (shared memory, director FA-1)}. */
    public String describe() {
        return driver.address() + " (" + channelKind() + ", director " + driver.director() + ")";
    }

    /** {@code shared memory} or {@code TCP channel}. */
    public String channelKind() {
        return driver.sharedMemory() ? "shared memory" : "TCP channel";
    }

    /** Closes every socket of the host, then detaches it; never throws. */
    @Override
    public void close() {
        try {
            layer.close();
        } catch (IOException e) {
            // Detaching below resets whatever did not close cleanly.
        }
        try {
            driver.close();
        } catch (IOException e) {
            // The channel is gone either way.
        }
    }
}
