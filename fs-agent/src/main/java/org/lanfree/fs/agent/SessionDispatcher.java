package org.lanfree.fs.agent;

import java.io.IOException;
import java.time.Duration;

import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads what a new session is for from its control channel and runs that job; closes the session after. */
final class SessionDispatcher {

    private static final Logger log = LoggerFactory.getLogger(SessionDispatcher.class);
    private static final Duration REQUEST_WAIT = Duration.ofSeconds(60);

    private final String client;

    SessionDispatcher(String client) {
        this.client = client;
    }

    void serve(FsSession session) {
        try (session) {
            FrameReader control = new FrameReader(session.control());
            Message request = control.readMessage(REQUEST_WAIT);
            switch (request) {
                case Message.TreeBackup backup -> new TreeBackupJob(client, session, control).run(backup);
                case Message.TreeRestore restore -> new TreeRestoreJob(client, session).run(restore);
                default -> new FrameWriter(session.control()).writeError(ErrorCode.UNEXPECTED_FRAME,
                        "an fs-agent session starts with TreeBackup or TreeRestore; got " + request);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("fs-agent {}: session {} ended: {}", client, session.token(), e.getMessage());
        }
    }
}
