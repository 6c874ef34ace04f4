package org.lanfree.cli.transport;

import java.io.IOException;
import java.time.Duration;

import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.connect.wire.WireException;

/**
 * The media server's side of a file-system transport check, once the handshake is done:
 *
 * <pre>
 * fs-server                                   fs-agent
 * CONTROL ── SendBytes(n) ──────────────────►
 * DATA    ◄── DATA … DATA, END(sha) ────────   through the array; every CRC32C checked
 * CONTROL ── END(sha of what arrived) ──────►  the verdict; both sides compare
 * ERRORS  ◄── ERROR(code, text) ────────────   only when the agent fails
 * </pre>
 *
 * A failure after the request is sent to the agent as an ERROR frame on the control channel.
 */
public final class FsServerRole {

    public static final String ROLE = "fs-server";

    private FsServerRole() {
    }

    /** Asks for {@code bytes}, receives and checks them, answers with the verdict. */
    public static Transfer run(FsSession session, long bytes, Duration stall, Progress progress) throws IOException {
        FrameChannel control = FrameChannel.of(session.control());
        SegmentReceiver receiver = new SegmentReceiver(new FrameReader(session.data()), progress);
        Segment got;
        try (ErrorsWatch watch = ErrorsWatch.start(session.errors(), session.data(), FsAgentRole.ROLE)) {
            control.writer().writeMessage(new Message.SendBytes(bytes));
            try {
                got = receiver.receive(stall);
            } catch (IOException e) {
                WireException failure = TransferFailure.of("receiving the segment from the " + FsAgentRole.ROLE,
                        receiver.received(), bytes, watch.explain(e));
                TransferFailure.tell(control.writer(), failure);
                throw failure;
            }
        }
        control.writer().writeEnd(new SegmentEnd(got.sha256()));
        return Transfer.received(ROLE, String.valueOf(session.control().remoteAddress()),
                session.data().localAddress() + " -> " + session.data().remoteAddress(), bytes, got, FsAgentRole.ROLE);
    }
}
