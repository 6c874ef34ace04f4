package org.lanfree.cli.transport;

import java.io.IOException;
import java.time.Duration;

import org.lanfree.connect.handshake.DbSession;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.FrameType;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.connect.wire.WireException;

/**
 * The database agent's side of a database transport check, once the handshake is done. After
 * it the STP connection carries everything:
 *
 * <pre>
 * db-agent                                    db-server
 * DATA ── DATA … DATA, END(sha) ────────────►  through the array; every CRC32C checked
 * DATA ◄── END(sha of what arrived) ────────   the verdict; both sides compare
 *      ◄── ERROR(code, text) ───────────────   instead, when the server fails
 * </pre>
 */
public final class DbAgentRole {

    public static final String ROLE = "db-agent";

    private DbAgentRole() {
    }

    /** Sends {@code bytes} and reads the server's verdict; returns the agent's account. */
    public static Transfer run(DbSession session, long bytes, Duration stall, Progress progress) throws IOException {
        FrameChannel data = FrameChannel.of(session.data());
        session.data().setReadTimeout(stall);
        SegmentSender sender = new SegmentSender(data.writer(), progress);
        long start = System.nanoTime();
        byte[] sent;
        try {
            sent = sender.send(bytes);
        } catch (IOException e) {
            throw TransferFailure.of("sending the segment to the " + DbServerRole.ROLE, sender.sent(), bytes, e);
        }
        byte[] verdict;
        try {
            verdict = SegmentEnd.decode(data.reader().expect(FrameType.END, stall).payload()).sha256();
        } catch (IOException e) {
            throw WireException.of(e).withContext("waiting for the " + DbServerRole.ROLE + "'s verdict");
        }
        return Transfer.sent(ROLE, String.valueOf(session.peer()),
                session.data().localAddress() + " -> " + session.data().remoteAddress(),
                new Segment(bytes, System.nanoTime() - start, sent, verdict), DbServerRole.ROLE);
    }
}
