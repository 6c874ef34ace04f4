package org.lanfree.media.server;

import java.io.IOException;
import java.time.Duration;

import org.lanfree.connect.SockAddr;
import org.lanfree.connect.auth.Authenticator;
import org.lanfree.connect.auth.Role;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.net.TcpConn;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The operator's side of an admin connection: authenticate, then ask (see {@link AdminProtocol}). */
public final class AdminClient implements AutoCloseable {

    private static final Duration CONNECT = Duration.ofSeconds(5);

    private final FrameChannel channel;
    private final Duration replyTimeout;

    private AdminClient(FrameChannel channel, Duration replyTimeout) {
        this.channel = channel;
        this.replyTimeout = replyTimeout;
    }

    /** Connects to the admin port on loopback and proves the secret; a refusal throws {@link WireException}. */
    public static AdminClient connect(int port, SharedSecret secret, Duration replyTimeout) throws IOException {
        TcpConn conn = TcpConn.connect(new SockAddr.Net(AdminServer.HOST, port), CONNECT);
        FrameChannel channel = new Authenticator(secret, Role.ADMIN, Role.MEDIA_SERVER).connect(conn);
        return new AdminClient(channel, replyTimeout);
    }

    /** A new request object with its {@code op}. */
    public static ObjectNode request(String op) {
        return AdminProtocol.JSON.createObjectNode().put("op", op);
    }

    /** Sends the request and returns its result; a refusal throws {@link AdminException}. */
    public JsonNode ask(ObjectNode request) throws IOException {
        channel.writer().writeMessage(new Message.AdminRequest(AdminProtocol.JSON.writeValueAsString(request)));
        Message reply = channel.reader().readMessage(replyTimeout);
        if (!(reply instanceof Message.AdminReply answer)) {
            throw new WireException(ErrorCode.UNEXPECTED_FRAME, "expected an AdminReply from the media server but got "
                    + reply.getClass().getSimpleName());
        }
        JsonNode node = AdminProtocol.JSON.readTree(answer.json());
        if (!node.path("ok").asBoolean(false)) {
            throw new AdminException(node.path("reason").asText("UNKNOWN"), node.path("error").asText(answer.json()));
        }
        return node.get("result");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
