package org.lanfree.cli.transport;

import java.io.IOException;
import java.time.Duration;

import org.lanfree.connect.handshake.DbSession;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.connect.wire.WireException;

/**
 * The media server's side of a database transport check (see {@link DbAgentRole} for the
 * diagram): receives the agent's segment through the array, checks it, and answers with its
 * verdict on the same STP connection; a failure goes back as an ERROR frame instead.
 */
public final class DbServerRole {

    public static final String ROLE = "db-server";

    private DbServerRole() {
    }

    /** Receives one segment and answers; returns the server's account. */
    public static Transfer serve(DbSession session, Duration stall, Progress progress) throws IOException {
        FrameChannel data = FrameChannel.of(session.data());
        SegmentReceiver receiver = new SegmentReceiver(data.reader(), progress);
        Segment got;
        try {
            got = receiver.receive(stall);
        } catch (IOException e) {
            WireException failure = TransferFailure.of("receiving the segment from the " + DbAgentRole.ROLE
                    + " of client " + session.client(), receiver.received(), -1, e);
            TransferFailure.tell(data.writer(), failure);
            throw failure;
        }
        data.writer().writeEnd(new SegmentEnd(got.sha256()));
        return Transfer.received(ROLE, session.client() + " at " + session.peer(),
                session.data().localAddress() + " -> " + session.data().remoteAddress(), -1, got, DbAgentRole.ROLE);
    }
}
