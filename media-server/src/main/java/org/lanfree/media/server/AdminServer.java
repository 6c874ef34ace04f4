package org.lanfree.media.server;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.lanfree.connect.Conn;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.auth.Authenticator;
import org.lanfree.connect.auth.Role;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.net.TcpListener;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves admin connections on a loopback TCP port: each is authenticated (a wrong secret is
 * refused with one WARN line and the server keeps serving), then answers AdminRequests one by
 * one until the CLI closes it. Each connection runs on its own virtual thread.
 */
final class AdminServer implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    /** How long an authenticated connection may stay silent between requests. */
    private static final Duration IDLE = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final TcpListener listener;
    private final Authenticator authenticator;
    private final AdminProtocol protocol;
    private final Set<Conn> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private AdminServer(TcpListener listener, SharedSecret secret, AdminProtocol protocol) {
        this.listener = listener;
        this.authenticator = new Authenticator(secret, Role.MEDIA_SERVER, Role.ADMIN);
        this.protocol = protocol;
        this.acceptor = Thread.ofPlatform().name("admin-accept").daemon().unstarted(this::acceptLoop);
    }

    static AdminServer start(int port, SharedSecret secret, AdminProtocol protocol) throws IOException {
        AdminServer server = new AdminServer(TcpListener.bind(new SockAddr.Net(HOST, port), 50), secret, protocol);
        server.acceptor.start();
        return server;
    }

    int port() {
        return listener.localAddress().port();
    }

    private void acceptLoop() {
        while (!closed) {
            Conn conn;
            try {
                conn = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.error("admin: accepting on {} failed, the admin port is closed: {}", listener.localAddress(),
                            e.getMessage());
                }
                return;
            }
            open.add(conn);
            Thread.ofVirtual().name("admin-" + conn.remoteAddress()).start(() -> serve(conn));
        }
    }

    private void serve(Conn conn) {
        try (conn) {
            FrameChannel channel;
            try {
                channel = authenticator.accept(conn);
            } catch (WireException refused) {
                return;
            }
            log.debug("admin: {} connected", conn.remoteAddress());
            while (!closed) {
                Message message;
                try {
                    message = channel.reader().readMessage(IDLE);
                } catch (WireException e) {
                    if (e.code() != ErrorCode.PEER_CLOSED && !closed) {
                        log.warn("admin: {}: {}", conn.remoteAddress(), e.getMessage());
                    }
                    return;
                }
                if (!(message instanceof Message.AdminRequest request)) {
                    channel.writer().writeError(ErrorCode.UNEXPECTED_FRAME, "expected an AdminRequest but got "
                            + message.getClass().getSimpleName());
                    return;
                }
                channel.writer().writeMessage(new Message.AdminReply(protocol.answer(request.json())));
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                log.error("admin: {}: request failed: {}", conn.remoteAddress(), e.toString(), e);
            }
        } finally {
            open.remove(conn);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Conn c : open) {
            c.close();
        }
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
