package org.lanfree.connect;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.lanfree.connect.net.TcpConn;
import org.lanfree.connect.net.TcpListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The descriptor API of the dual-channel socket layer: the classic socket calls, each routed by
 * the domain its descriptor carries (even: NET, served by TCP; odd: STP, served by the attached
 * array's {@link StpProvider}). Descriptors are never reused, so a closed descriptor stays
 * recognisably closed and a descriptor can serve as a session token.
 *
 * <pre>
 * socket ─► CREATED ─bind─► BOUND ─listen─► LISTENING ─accept─► (new descriptor) CONNECTED
 *              └────────┴─connect──────────────────────────────► CONNECTED ─send/recv─►
 * listen and connect pass through OPENING; close takes any state to CLOSED.
 * </pre>
 *
 * For both domains {@code bind} records the address; {@code listen} or {@code connect} opens the
 * socket, and {@code getsockname} then returns the address actually in use (the port chosen for
 * port 0). The descriptor's timeout bounds {@code recv}, {@code accept} and a NET
 * {@code connect}; the ring size set for an STP descriptor is what its {@code connect} asks for.
 * Thread-safe: different threads may use different descriptors at once, and {@link #close} from
 * any thread ends a call blocked on that descriptor. The layer does not own the provider.
 */
public final class SocketLayer implements Closeable {

    /** The life cycle of a descriptor. */
    public enum State { CREATED, BOUND, OPENING, LISTENING, CONNECTED, CLOSED }

    private static final Logger log = LoggerFactory.getLogger(SocketLayer.class);
    private static final int MAX_INDEX = (Integer.MAX_VALUE - 1) / 2;

    private final StpProvider stp;
    private final ConcurrentHashMap<Integer, Socket> sockets = new ConcurrentHashMap<>();
    private final AtomicInteger netIssued = new AtomicInteger();
    private final AtomicInteger stpIssued = new AtomicInteger();

    /** A layer whose STP calls go to {@code stpOrNull}; null when the host has no array. */
    public SocketLayer(StpProvider stpOrNull) {
        this.stp = stpOrNull;
    }

    public int socket(Domain domain) throws IOException {
        Objects.requireNonNull(domain, "domain");
        if (domain == Domain.STP) {
            array("socket(STP)");
        }
        int fd = install(new Socket(allocate(domain), domain));
        log.trace("socket: socket({}) = {}", domain, fd);
        return fd;
    }

    public void bind(int fd, SockAddr address) throws IOException {
        Socket s = lookup("bind", fd);
        s.checkDomain("bind", address);
        synchronized (s) {
            s.expect("bind", State.CREATED);
            s.bound = address;
            s.state = State.BOUND;
        }
        log.trace("socket: bind({}, {})", fd, address);
    }

    public void listen(int fd, int backlog) throws IOException {
        Socket s = lookup("listen", fd);
        if (backlog < 1) {
            throw new IOException("listen(" + fd + ", " + backlog + "): backlog " + backlog + " is below 1");
        }
        SockAddr address;
        synchronized (s) {
            s.expect("listen", State.BOUND);
            address = s.bound;
            s.state = State.OPENING;
        }
        Listener listener;
        try {
            listener = s.domain == Domain.NET
                    ? TcpListener.bind((SockAddr.Net) address, backlog)
                    : array("listen(" + fd + ")").listen((SockAddr.Stp) address, backlog);
        } catch (IOException | RuntimeException e) {
            s.revert(State.BOUND);
            throw e;
        }
        s.opened("listen", listener, null);
        log.trace("socket: listen({}, {}) on {}", fd, backlog, listener.localAddress());
    }

    public SockAddr getsockname(int fd) throws IOException {
        Socket s = lookup("getsockname", fd);
        synchronized (s) {
            switch (s.state) {
                case BOUND:
                    return s.bound;
                case LISTENING:
                    return s.listener.localAddress();
                case CONNECTED:
                    return s.conn.localAddress();
                default:
                    throw s.wrongState("getsockname", State.BOUND, State.LISTENING, State.CONNECTED);
            }
        }
    }

    public SockAddr getpeername(int fd) throws IOException {
        return lookup("getpeername", fd).conn("getpeername").remoteAddress();
    }

    /**
     * Connects to {@code address}: a NET descriptor over TCP (from its bound address when bound),
     * an STP descriptor through the array with the ring size set by {@link #setRingTracks}.
     */
    public void connect(int fd, SockAddr address) throws IOException {
        Socket s = lookup("connect", fd);
        s.checkDomain("connect", address);
        State before;
        SocketChannel channel = null;
        synchronized (s) {
            s.expect("connect", State.CREATED, State.BOUND);
            before = s.state;
            if (s.domain == Domain.NET) {
                channel = SocketChannel.open();
                s.pending = channel;
            }
            s.state = State.OPENING;
        }
        Conn conn;
        try {
            conn = s.domain == Domain.NET
                    ? TcpConn.connect(channel, (SockAddr.Net) address, (SockAddr.Net) s.bound, s.timeout)
                    : array("connect(" + fd + ")").connect((SockAddr.Stp) address, s.ringTracks);
        } catch (IOException | RuntimeException e) {
            if (s.state == State.CLOSED) {
                throw new IOException("connect(" + fd + ", " + address + "): descriptor " + fd
                        + " was closed while connecting", e);
            }
            s.revert(before);
            throw e;
        }
        s.opened("connect", null, conn);
        log.trace("socket: connect({}, {}) from {}", fd, address, conn.localAddress());
    }

    /** Waits for a connection on a listening descriptor; returns the new descriptor. */
    public int accept(int fd) throws IOException {
        Socket s = lookup("accept", fd);
        Listener listener = s.listener("accept");
        Conn conn;
        try {
            conn = listener.accept();
        } catch (IOException e) {
            if (s.state == State.CLOSED) {
                throw new IOException("accept(" + fd + "): descriptor " + fd
                        + " was closed while accepting", e);
            }
            throw e;
        }
        int accepted = install(new Socket(allocate(s.domain), conn));
        log.trace("socket: accept({}) = {} from {}", fd, accepted, conn.remoteAddress());
        return accepted;
    }

    /** Sends all remaining bytes of {@code src}; returns how many that was. */
    public int send(int fd, ByteBuffer src) throws IOException {
        Conn conn = lookup("send", fd).conn("send");
        int bytes = src.remaining();
        conn.send(src);
        return bytes;
    }

    /** Receives at least one byte; returns the count, or -1 at end of stream. */
    public int recv(int fd, ByteBuffer dst) throws IOException {
        return lookup("recv", fd).conn("recv").recv(dst);
    }

    /** Closes the descriptor; closing a closed descriptor does nothing. */
    public void close(int fd) throws IOException {
        Socket s = sockets.remove(fd);
        if (s == null) {
            if (issued(fd)) {
                return;
            }
            throw notOpen("close", fd);
        }
        Closeable resource;
        synchronized (s) {
            s.state = State.CLOSED;
            resource = s.conn != null ? s.conn : s.listener != null ? s.listener : s.pending;
        }
        log.trace("socket: close({})", fd);
        if (resource != null) {
            resource.close();
        }
    }

    /** Bounds recv and accept on the descriptor, and a NET connect; zero waits forever. */
    public void setTimeout(int fd, Duration timeout) throws IOException {
        if (timeout.isNegative()) {
            throw new IOException("setTimeout(" + fd + ", " + timeout + "): the timeout is negative");
        }
        Socket s = lookup("setTimeout", fd);
        Conn conn;
        Listener listener;
        synchronized (s) {
            s.timeout = timeout;
            conn = s.conn;
            listener = s.listener;
        }
        if (conn != null) {
            conn.setReadTimeout(timeout);
        } else if (listener != null) {
            listener.setAcceptTimeout(timeout);
        }
    }

    /** STP only: the size, in tracks, of each ring the descriptor's connect asks for (0: default). */
    public void setRingTracks(int fd, int tracks) throws IOException {
        Socket s = lookup("setRingTracks", fd);
        if (s.domain != Domain.STP) {
            throw new IOException("setRingTracks(" + fd + ", " + tracks + "): descriptor " + fd
                    + " is NET but ring tracks apply to STP descriptors only");
        }
        if (tracks < 0) {
            throw new IOException("setRingTracks(" + fd + ", " + tracks + "): ring tracks "
                    + tracks + " is negative; expected 0 (the group's default) or more");
        }
        synchronized (s) {
            s.expect("setRingTracks", State.CREATED, State.BOUND);
            s.ringTracks = tracks;
        }
    }

    /** The connected socket behind the descriptor; its calls go through this layer. */
    public Conn conn(int fd) throws IOException {
        Socket s = lookup("conn", fd);
        s.conn("conn");
        return s.connView;
    }

    /** The listening socket behind the descriptor; its calls go through this layer. */
    public Listener listener(int fd) throws IOException {
        Socket s = lookup("listener", fd);
        s.listener("listener");
        return s.listenerView;
    }

    /** Gives a connected socket opened elsewhere a descriptor; the layer then owns it. */
    public int register(Conn conn) throws IOException {
        if (conn instanceof DescriptorConn view && view.layer() == this) {
            return view.descriptor();
        }
        return install(new Socket(allocate(conn.domain()), conn));
    }

    /** Gives a listening socket opened elsewhere a descriptor; the layer then owns it. */
    public int register(Listener listener) throws IOException {
        if (listener instanceof DescriptorListener view && view.layer() == this) {
            return view.descriptor();
        }
        return install(new Socket(allocate(listener.domain()), listener));
    }

    /** The descriptors open now, in order. */
    public SortedSet<Integer> openDescriptors() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(sockets.keySet()));
    }

    /** The state of a descriptor: CLOSED for one closed or never opened. */
    public State state(int fd) {
        Socket s = sockets.get(fd);
        return s == null ? State.CLOSED : s.state;
    }

    /** Closes every open descriptor. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (int fd : openDescriptors()) {
            try {
                close(fd);
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Half-closes the connected socket {@code fd}. */
    void shutdownOutput(int fd) throws IOException {
        lookup("shutdownOutput", fd).conn("shutdownOutput").shutdownOutput();
    }

    private StpProvider array(String call) throws IOException {
        if (stp == null) {
            throw new IOException(call + ": this host is not attached to an array (the socket layer"
                    + " has no STP provider); HINT: attach the host to the array before using STP sockets");
        }
        return stp;
    }

    private int allocate(Domain domain) throws IOException {
        int index = (domain == Domain.NET ? netIssued : stpIssued).incrementAndGet();
        if (index > MAX_INDEX) {
            throw new IOException("socket(" + domain + "): all " + MAX_INDEX + " " + domain
                    + " descriptors have been issued; HINT: restart the process");
        }
        return domain == Domain.NET ? 2 * index : 2 * index + 1;
    }

    private boolean issued(int fd) {
        if (fd < 2) {
            return false;
        }
        AtomicInteger issued = Domain.ofDescriptor(fd) == Domain.NET ? netIssued : stpIssued;
        return fd / 2 <= issued.get();
    }

    private int install(Socket socket) {
        sockets.put(socket.fd, socket);
        return socket.fd;
    }

    private Socket lookup(String call, int fd) throws IOException {
        Socket s = sockets.get(fd);
        if (s == null) {
            throw notOpen(call, fd);
        }
        return s;
    }

    private IOException notOpen(String call, int fd) {
        if (issued(fd)) {
            return new IOException(call + "(" + fd + "): descriptor " + fd + " ("
                    + Domain.ofDescriptor(fd) + ") is CLOSED but expected an open socket;"
                    + " HINT: it was closed earlier and descriptors are never reused");
        }
        return new IOException(call + "(" + fd + "): descriptor " + fd + " was never opened by"
                + " this socket layer; HINT: use a descriptor that socket or accept returned");
    }

    /** One descriptor's socket. Fields change under the socket's lock; state is read without. */
    private final class Socket {
        final int fd;
        final Domain domain;
        volatile State state;
        volatile SockAddr bound;
        volatile Duration timeout = Duration.ZERO;
        volatile int ringTracks;
        volatile Closeable pending;
        volatile Conn conn;
        volatile Listener listener;
        volatile Conn connView;
        volatile Listener listenerView;

        Socket(int fd, Domain domain) {
            this.fd = fd;
            this.domain = domain;
            this.state = State.CREATED;
        }

        Socket(int fd, Conn conn) {
            this(fd, conn.domain());
            this.conn = conn;
            this.connView = new DescriptorConn(SocketLayer.this, fd, conn);
            this.state = State.CONNECTED;
        }

        Socket(int fd, Listener listener) {
            this(fd, listener.domain());
            this.listener = listener;
            this.listenerView = new DescriptorListener(SocketLayer.this, fd, listener);
            this.state = State.LISTENING;
        }

        void expect(String call, State... expected) throws IOException {
            for (State candidate : expected) {
                if (state == candidate) {
                    return;
                }
            }
            throw wrongState(call, expected);
        }

        Conn conn(String call) throws IOException {
            Conn c = conn;
            if (state != State.CONNECTED || c == null) {
                throw wrongState(call, State.CONNECTED);
            }
            return c;
        }

        Listener listener(String call) throws IOException {
            Listener l = listener;
            if (state != State.LISTENING || l == null) {
                throw wrongState(call, State.LISTENING);
            }
            return l;
        }

        void checkDomain(String call, SockAddr address) throws IOException {
            if (address.domain() != domain) {
                throw new IOException(call + "(" + fd + ", " + address + "): descriptor " + fd
                        + " is " + domain + " but the address is " + address.domain()
                        + "; HINT: NET descriptors take host:port, STP descriptors an STG group and port");
            }
        }

        synchronized void revert(State before) {
            if (state == State.OPENING) {
                state = before;
                pending = null;
            }
        }

        /** Completes a listen or connect, unless the descriptor was closed meanwhile. */
        void opened(String call, Listener l, Conn c) throws IOException {
            Duration t;
            boolean closedMeanwhile;
            synchronized (this) {
                closedMeanwhile = state == State.CLOSED;
                if (!closedMeanwhile) {
                    pending = null;
                    listener = l;
                    conn = c;
                    listenerView = l == null ? null : new DescriptorListener(SocketLayer.this, fd, l);
                    connView = c == null ? null : new DescriptorConn(SocketLayer.this, fd, c);
                    state = l != null ? State.LISTENING : State.CONNECTED;
                }
                t = timeout;
            }
            if (closedMeanwhile) {
                (l != null ? l : c).close();
                throw new IOException(call + "(" + fd + "): descriptor " + fd
                        + " was closed while the call ran");
            }
            if (!t.isZero()) {
                if (l != null) {
                    l.setAcceptTimeout(t);
                } else {
                    c.setReadTimeout(t);
                }
            }
        }

        IOException wrongState(String call, State... expected) {
            String wanted = Arrays.stream(expected).map(State::name).collect(Collectors.joining(" or "));
            return new IOException(call + "(" + fd + "): descriptor " + fd + " (" + domain + ") is "
                    + state + " but expected " + wanted + hint(call));
        }

        private String hint(String call) {
            switch (state) {
                case CREATED:
                    return call.equals("accept") || call.equals("listen")
                            ? "; HINT: bind, then listen, before accept" : "; HINT: connect it first";
                case BOUND:
                    return call.equals("accept") ? "; HINT: listen before accept" : "; HINT: connect it first";
                case OPENING:
                    return "; HINT: another thread is still connecting or listening on it";
                case LISTENING:
                    return "; HINT: a listening socket only accepts; use the descriptor accept returns";
                case CONNECTED:
                    return "; HINT: the socket is already connected";
                default:
                    return "";
            }
        }
    }
}
