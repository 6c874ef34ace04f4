package org.lanfree.array.channel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.lanfree.connect.auth.SharedSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts hosts on the Unix-domain socket or on TCP and gives each a {@link HostSession}. */
public final class ChannelServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChannelServer.class);

    private final ServerSocketChannel server;
    private final ArrayPort array;
    private final SharedSecret secret;
    private final int attachSeconds;
    private final Path unixPath;
    private final String kind;
    private final Thread acceptor;
    private final List<HostSession> sessions = new ArrayList<>();
    private volatile boolean running = true;

    private ChannelServer(ServerSocketChannel server, ArrayPort array, SharedSecret secret, int attachSeconds,
                          Path unixPath, String kind) {
        this.attachSeconds = attachSeconds;
        this.server = server;
        this.array = array;
        this.secret = secret;
        this.unixPath = unixPath;
        this.kind = kind;
        this.acceptor = Thread.ofPlatform().name("channel-" + kind).start(this::acceptHosts);
    }

    /** The shared-memory channel's command socket, readable and writable by owner and group only. */
    public static ChannelServer unix(Path socket, ArrayPort array, SharedSecret secret, int attachSeconds)
            throws IOException {
        Files.createDirectories(socket.toAbsolutePath().getParent());
        Files.deleteIfExists(socket);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        return new ChannelServer(ch, array, secret, attachSeconds, socket, "unix");
    }

    public static ChannelServer tcp(String hostPort, ArrayPort array, SharedSecret secret, int attachSeconds)
            throws IOException {
        int colon = hostPort.lastIndexOf(':');
        ServerSocketChannel ch = ServerSocketChannel.open();
        ch.bind(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
        if (secret == null) {
            log.warn("channel tcp: open on {} without a channel secret: any host that reaches it may attach."
                    + " HINT: set channel.secret-file", hostPort);
        }
        return new ChannelServer(ch, array, secret, attachSeconds, null, "tcp");
    }

    private void acceptHosts() {
        while (running) {
            try {
                SocketChannel ch = server.accept();
                String remote = kind.equals("tcp") ? String.valueOf(ch.getRemoteAddress()) : "local";
                if (kind.equals("tcp")) {
                    ch.socket().setTcpNoDelay(true);
                }
                HostSession s = new HostSession(ch, array, remote, secret, attachSeconds);
                synchronized (sessions) {
                    sessions.add(s);
                }
                Thread.ofPlatform().daemon().name("host-" + remote).start(s);
            } catch (IOException e) {
                if (running) {
                    log.warn("channel {}: accept failed: {}", kind, e.getMessage());
                }
            }
        }
    }

    /** Where hosts attach: the socket path, or host:port of the TCP channel. */
    public String address() throws IOException {
        SocketAddress a = server.getLocalAddress();
        if (a instanceof InetSocketAddress i) {
            return i.getHostString() + ":" + i.getPort();
        }
        return unixPath.toString();
    }

    @Override
    public void close() throws IOException {
        running = false;
        server.close();
        synchronized (sessions) {
            sessions.forEach(HostSession::close);
        }
        if (unixPath != null) {
            Files.deleteIfExists(unixPath);
        }
    }
}
