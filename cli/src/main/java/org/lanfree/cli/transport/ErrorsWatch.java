package org.lanfree.cli.transport;

import java.io.IOException;
import java.time.Duration;

import org.lanfree.connect.Conn;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Frame;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.WireException;

/**
 * Watches a file-system session's error/status channel while the data flows. An ERROR frame from
 * the agent, or the channel closing before the transfer is over (the agent stopped or crashed),
 * fails the transfer at once: the watch closes the data connection, which wakes the receiver,
 * and {@link #explain} then names the real cause.
 */
final class ErrorsWatch implements AutoCloseable {

    private final Conn errors;
    private final Conn data;
    private final String agent;
    private final Thread thread;
    private volatile boolean over;
    private volatile WireException failure;

    private ErrorsWatch(Conn errors, Conn data, String agent) {
        this.errors = errors;
        this.data = data;
        this.agent = agent;
        this.thread = Thread.ofPlatform().daemon().name("errors watch " + agent).unstarted(this::watch);
    }

    /** Starts watching {@code errors}; on a failure it closes {@code data}. */
    static ErrorsWatch start(Conn errors, Conn data, String agent) {
        ErrorsWatch w = new ErrorsWatch(errors, data, agent);
        w.thread.start();
        return w;
    }

    private void watch() {
        WireException seen;
        try {
            FrameReader reader = new FrameReader(errors);
            reader.setTimeout(Duration.ZERO);
            Frame frame = reader.next();
            seen = new WireException(ErrorCode.UNEXPECTED_FRAME, "the " + agent + " sent a " + frame.type()
                    + " frame on the error/status channel, which carries only ERROR frames");
        } catch (WireException e) {
            seen = e.code() == ErrorCode.PEER_CLOSED
                    ? new WireException(ErrorCode.PEER_CLOSED, "the " + agent + " closed its error/status channel"
                            + " (" + errors.remoteAddress() + ") in the middle of the transfer: it stopped or crashed", e)
                    : e.withContext("the " + agent + " reported on its error/status channel");
        } catch (IOException e) {
            seen = WireException.of(e).withContext("the error/status channel to the " + agent + " failed");
        }
        if (over) {
            return;
        }
        failure = seen;
        try {
            data.close();
        } catch (IOException e) {
            seen.addSuppressed(e);
        }
    }

    /** The watch's failure when it saw one (the true cause of {@code e}), else {@code e}. */
    IOException explain(IOException e) {
        WireException w = failure;
        if (w == null) {
            return e;
        }
        w.addSuppressed(e);
        return w;
    }

    /** The transfer is over: the channel closing from now on is the session ending, not a failure. */
    @Override
    public void close() {
        over = true;
    }
}
