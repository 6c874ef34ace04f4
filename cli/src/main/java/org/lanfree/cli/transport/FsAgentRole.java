package org.lanfree.cli.transport;

import java.io.IOException;
import java.time.Duration;

import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.FrameType;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.connect.wire.WireException;

/**
 * The file agent's side of a file-system transport check (see {@link FsServerRole} for the
 * diagram): waits for the server's SendBytes on the control channel, sends that many bytes
 * through the array, then reads the server's verdict on the control channel. Its own failures
 * go to the server on the error/status channel.
 */
public final class FsAgentRole {

    public static final String ROLE = "fs-agent";

    private FsAgentRole() {
    }

    /** Serves one session's request; returns the agent's account of it. */
    public static Transfer serve(FsSession session, Duration stall) throws IOException {
        FrameChannel control = FrameChannel.of(session.control());
        FrameWriter errors = new FrameWriter(session.errors());
        long bytes;
        try {
            Message request = control.reader().readMessage(stall);
            if (!(request instanceof Message.SendBytes send)) {
                throw new WireException(ErrorCode.UNEXPECTED_FRAME, "the " + FsServerRole.ROLE
                        + " sent " + request + " on the control channel but this agent expects SendBytes");
            }
            bytes = send.bytes();
        } catch (IOException e) {
            WireException failure = WireException.of(e).withContext("waiting for the " + FsServerRole.ROLE + "'s request");
            TransferFailure.tell(errors, failure);
            throw failure;
        }
        session.data().setReadTimeout(stall);
        SegmentSender sender = new SegmentSender(new FrameWriter(session.data()), Progress.NONE);
        long start = System.nanoTime();
        byte[] sent;
        try {
            sent = sender.send(bytes);
        } catch (IOException e) {
            WireException failure = TransferFailure.of("sending the segment to the " + FsServerRole.ROLE,
                    sender.sent(), bytes, e);
            TransferFailure.tell(errors, failure);
            throw failure;
        }
        byte[] verdict;
        try {
            verdict = SegmentEnd.decode(control.reader().expect(FrameType.END, stall).payload()).sha256();
        } catch (IOException e) {
            throw WireException.of(e).withContext("waiting for the " + FsServerRole.ROLE + "'s verdict");
        }
        return Transfer.sent(ROLE, String.valueOf(session.control().remoteAddress()),
                session.data().localAddress() + " -> " + session.data().remoteAddress(),
                new Segment(bytes, System.nanoTime() - start, sent, verdict), FsServerRole.ROLE);
    }
}
