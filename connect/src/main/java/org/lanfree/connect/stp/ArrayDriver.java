package org.lanfree.connect.stp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.lanfree.connect.Conn;
import org.lanfree.connect.Listener;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.StpProvider;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.channel.CacheMemory;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.channel.Message;
import org.lanfree.connect.channel.Op;

/**
 * A host attached to the array: the channel to it and, on the shared-memory channel, the mapped
 * cache. Serves STP sockets to the socket layer.
 */
public final class ArrayDriver implements StpProvider {

    /** How long control requests (attach, listen, connect, close) may take. */
    static final long CONTROL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelLink link;
    private final ChannelAddress address;
    private final long hostId;
    private final int trackSize;
    private final CacheMemory memory;
    private final String director;

    private ArrayDriver(ChannelLink link, ChannelAddress address, long hostId, int trackSize, CacheMemory memory,
                        String director) {
        this.link = link;
        this.address = address;
        this.hostId = hostId;
        this.trackSize = trackSize;
        this.memory = memory;
        this.director = director;
    }

    /** Attaches this host to an array that has no channel secret. */
    public static ArrayDriver attach(ChannelAddress where, String hostName) throws IOException {
        return attach(where, hostName, null);
    }

    /**
     * Attaches this host to the array at {@code where}. With a secret, host and array prove to
     * each other that they hold it (challenge-response) before the array reveals anything.
     */
    public static ArrayDriver attach(ChannelAddress where, String hostName, SharedSecret secret) throws IOException {
        SocketChannel ch;
        boolean shared = where instanceof ChannelAddress.Unix;
        try {
            if (where instanceof ChannelAddress.Unix u) {
                ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                ch.connect(UnixDomainSocketAddress.of(u.socket()));
            } else {
                ChannelAddress.Tcp t = (ChannelAddress.Tcp) where;
                ch = SocketChannel.open();
                ch.socket().connect(new InetSocketAddress(t.host(), t.port()), 10_000);
                ch.socket().setTcpNoDelay(true);
            }
        } catch (IOException e) {
            throw new ChannelException(ChannelError.CLOSED, "no array answers at " + where + " (" + e.getMessage()
                    + "). HINT: start it with 'lanfree array-sim start' or 'lanfree up'", e);
        }
        ChannelLink link = new ChannelLink(ch, where.toString());
        try {
            byte[] hostNonce = nonce();
            ByteBuffer body = ByteBuffer.allocate(3 + Message.stringBytes(hostName) + Message.NONCE_BYTES);
            body.putShort((short) Message.PROTOCOL_VERSION).put((byte) (shared ? 1 : 0));
            Message.putString(body, hostName);
            body.put(hostNonce);
            ByteBuffer r = link.send(Op.ATTACH, body.flip(), null, null).await(CONTROL_TIMEOUT_NANOS, "attach to " + where);
            if (r.get() == 1) {
                r = prove(link, where, secret, hostNonce, r);
            }
            long hostId = r.getLong();
            int trackSize = r.getInt();
            int slots = r.getInt();
            r.getInt();
            String cacheFile = Message.getString(r);
            String director = Message.getString(r);
            CacheMemory memory = shared ? CacheMemory.open(Path.of(cacheFile), trackSize, slots) : null;
            return new ArrayDriver(link, where, hostId, trackSize, memory, director);
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /** Checks the array's proof of the channel secret, then proves this host's. */
    private static ByteBuffer prove(ChannelLink link, ChannelAddress where, SharedSecret secret, byte[] hostNonce,
                                    ByteBuffer challenge) throws IOException {
        if (secret == null) {
            throw new ChannelException(ChannelError.AUTH_FAILED, "the array at " + where
                    + " requires a channel secret and this host has none"
                    + ". HINT: give the host the file named by the array's channel.secret-file");
        }
        byte[] arrayNonce = new byte[Message.NONCE_BYTES];
        byte[] arrayProof = new byte[Message.NONCE_BYTES];
        challenge.get(arrayNonce).get(arrayProof);
        if (!secret.verifies(arrayProof, "array", hostNonce, arrayNonce)) {
            throw new ChannelException(ChannelError.AUTH_FAILED, "the array at " + where
                    + " does not hold this host's channel secret (its proof does not match)"
                    + ". HINT: both must use the same channel.secret-file; or this is not your array");
        }
        ByteBuffer proof = ByteBuffer.wrap(secret.prove("host", arrayNonce, hostNonce));
        ByteBuffer r = link.send(Op.PROVE, proof, null, null).await(CONTROL_TIMEOUT_NANOS, "prove to " + where);
        if (r.get() != 0) {
            throw new ChannelException(ChannelError.AUTH_FAILED, "the array at " + where + " asked for a second proof");
        }
        return r;
    }

    private static byte[] nonce() {
        byte[] n = new byte[Message.NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    @Override
    public Listener listen(SockAddr.Stp address, int backlog) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(12).putInt(address.group()).putInt(address.port()).putInt(backlog);
        ByteBuffer r = link.send(Op.LISTEN, body.flip(), null, null).await(CONTROL_TIMEOUT_NANOS, "listen on " + address);
        long listenerId = r.getLong();
        int port = r.getInt();
        return new StpListener(this, listenerId, new SockAddr.Stp(address.group(), port));
    }

    @Override
    public Conn connect(SockAddr.Stp address, int ringTracks) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(12).putInt(address.group()).putInt(address.port()).putInt(ringTracks);
        ByteBuffer r = link.send(Op.CONNECT, body.flip(), null, null).await(CONTROL_TIMEOUT_NANOS, "connect to " + address);
        long endpoint = r.getLong();
        int localPort = r.getInt();
        int ring = r.getInt();
        return new StpConn(this, endpoint, new SockAddr.Stp(address.group(), localPort), address, ring);
    }

    /** The array's status as a JSON object. */
    public String statusJson() throws IOException {
        ByteBuffer r = link.send(Op.STATUS, ByteBuffer.allocate(0), null, null).await(CONTROL_TIMEOUT_NANOS, "status");
        byte[] json = new byte[r.remaining()];
        r.get(json);
        return new String(json, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Whether the host still has its channel to the array. */
    public boolean isAttached() {
        return link.isOpen();
    }

    public ChannelAddress address() {
        return address;
    }

    public long hostId() {
        return hostId;
    }

    public int trackSize() {
        return trackSize;
    }

    /** The channel director serving this host. */
    public String director() {
        return director;
    }

    /** Whether payload moves through the mapped cache (else through the TCP channel's messages). */
    public boolean sharedMemory() {
        return memory != null;
    }

    ChannelLink link() {
        return link;
    }

    CacheMemory memory() {
        return memory;
    }

    static long nanos(Duration d) {
        return d == null ? 0 : d.toNanos();
    }

    /** Detaches: the array resets every connection of this host. */
    @Override
    public void close() throws IOException {
        link.close();
    }
}
