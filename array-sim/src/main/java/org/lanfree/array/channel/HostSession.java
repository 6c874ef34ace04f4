package org.lanfree.array.channel;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

import org.lanfree.array.director.ChannelDirector;
import org.lanfree.array.stg.Endpoint;
import org.lanfree.array.stg.PortListener;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.channel.Message;
import org.lanfree.connect.channel.Op;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attached host: reads its requests and queues them to its channel director, and writes the
 * replies. The first request must be ATTACH. A malformed request detaches the host: the channel
 * is the host's own driver, so garbage means a broken or hostile peer.
 */
public final class HostSession implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(HostSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SocketChannel channel;
    private final ArrayPort array;
    private final String remote;
    private final SharedSecret secret;
    private final int attachSeconds;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Set<Endpoint> endpoints = new HashSet<>();
    private final Set<PortListener> listeners = new HashSet<>();
    private final LinkedBlockingQueue<ByteBuffer[]> payloadReplies = new LinkedBlockingQueue<>();
    private volatile long id;
    private volatile String name = "unattached host";
    private volatile boolean sharedMemory;
    private ChannelDirector director;
    private volatile boolean open = true;
    private Thread payloadWriter;

    public HostSession(SocketChannel channel, ArrayPort array, String remote, SharedSecret secret, int attachSeconds) {
        this.attachSeconds = attachSeconds;
        this.channel = channel;
        this.array = array;
        this.remote = remote;
        this.secret = secret;
    }

    @Override
    public void run() {
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024).flip();
        try {
            attach(in);
            while (open) {
                readRequest(in);
            }
        } catch (EOFException e) {
            log.info("host {}: detached", name);
        } catch (IOException | RuntimeException e) {
            if (open) {
                log.warn("host {} ({}): {}; detaching", name, remote,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
            if (id != 0) {
                array.detach(this);
            }
        }
    }

    /**
     * ATTACH, and with a channel secret the challenge-response before it; a host that says
     * nothing for the attach timeout is dropped.
     */
    private void attach(ByteBuffer in) throws IOException {
        Thread.ofVirtual().start(this::dropIfSilent);
        Header h = readHeader(in);
        ByteBuffer body = readBody(in, h);
        if (h.op != Op.ATTACH) {
            throw new IOException("first request is " + h.op + ", expected ATTACH");
        }
        int version = Short.toUnsignedInt(body.getShort());
        boolean wantsShm = body.get() != 0;
        String hostName = Message.getString(body);
        byte[] hostNonce = new byte[Message.NONCE_BYTES];
        if (body.remaining() < hostNonce.length) {
            throw new IOException("malformed ATTACH: no room for the host's nonce");
        }
        body.get(hostNonce);
        int tag = h.tag;
        try {
            if (version != Message.PROTOCOL_VERSION) {
                throw new ChannelException(ChannelError.VERSION, "host speaks channel protocol " + version
                        + " but this array speaks " + Message.PROTOCOL_VERSION);
            }
            if (secret != null) {
                tag = challenge(in, tag, hostName, hostNonce);
            }
            this.name = hostName;
            this.sharedMemory = wantsShm;
            ArrayPort.Attachment a = array.attach(this, hostName, wantsShm);
            this.director = a.director();
            ByteBuffer reply = ByteBuffer.allocate(1 + a.replyBody().remaining()).put((byte) 0).put(a.replyBody());
            this.id = a.hostId();
            reply(tag, Op.OK, reply.flip());
            log.info("host {}: attached to director {} ({} channel)", name, director.name(),
                    wantsShm ? "shared-memory" : "tcp");
        } catch (ChannelException e) {
            replyError(tag, e.error(), e.getMessage());
            throw new IOException("refused: " + e.getMessage());
        }
    }

    /** Proves the array holds the secret and checks the host's proof; returns the PROVE's tag. */
    private int challenge(ByteBuffer in, int tag, String hostName, byte[] hostNonce) throws IOException {
        byte[] arrayNonce = new byte[Message.NONCE_BYTES];
        RANDOM.nextBytes(arrayNonce);
        ByteBuffer c = ByteBuffer.allocate(1 + 2 * Message.NONCE_BYTES);
        c.put((byte) 1).put(arrayNonce).put(secret.prove("array", hostNonce, arrayNonce));
        reply(tag, Op.OK, c.flip());
        Header p = readHeader(in);
        ByteBuffer proof = readBody(in, p);
        if (p.op != Op.PROVE) {
            replyError(p.tag, ChannelError.AUTH_FAILED, "expected PROVE after the array's challenge, got " + p.op);
            throw new IOException("refused: " + p.op + " where PROVE was expected");
        }
        byte[] hostProof = new byte[Message.NONCE_BYTES];
        proof.get(hostProof);
        if (!secret.verifies(hostProof, "host", arrayNonce, hostNonce)) {
            throw new ChannelException(ChannelError.AUTH_FAILED, "host " + hostName
                    + " does not hold the array's channel secret. HINT: give it the file named by channel.secret-file");
        }
        return p.tag;
    }

    private void dropIfSilent() {
        try {
            Thread.sleep(attachSeconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (id == 0 && open) {
            log.warn("host {}: did not attach within {} s; dropping it", remote, attachSeconds);
            close();
        }
    }

    private void readRequest(ByteBuffer in) throws IOException, InterruptedException {
        Header h = readHeader(in);
        ByteBuffer body = readBody(in, h);
        if (h.op == Op.PUT) {
            if (sharedMemory || body.capacity() < 20) {
                throw new IOException("PUT is only for the TCP channel and needs a 20-byte body");
            }
            try {
                ByteBuffer target = array.slotForPut(this, body.getLong(0), body.getLong(8), body.getInt(16), h.payloadLength);
                readPayload(in, target);
            } catch (ChannelException e) {
                skipPayload(in, h.payloadLength);
                replyError(h.tag, e.error(), e.getMessage());
                return;
            }
        } else if (h.payloadLength != 0) {
            throw new IOException(h.op + " carries " + h.payloadLength + " payload bytes, expected none");
        }
        director.submit(new Request(this, h.op, h.tag, body, h.payloadLength));
    }

    private record Header(int bodyLength, int payloadLength, Op op, int tag) {
    }

    private Header readHeader(ByteBuffer in) throws IOException {
        fill(in, Message.HEADER_BYTES);
        int bodyLength = in.getInt();
        int payloadLength = in.getInt();
        int code = in.get();
        int tag = in.getInt();
        Op op = Op.of(code);
        if (op == null || op == Op.OK || op == Op.ERROR) {
            throw new IOException("malformed request: unknown op code " + code);
        }
        if (bodyLength >= 0 && bodyLength < op.minBody) {
            throw new IOException("malformed request: " + op + " body of " + bodyLength + " bytes, expected at least "
                    + op.minBody);
        }
        if (bodyLength < 0 || bodyLength > Message.MAX_BODY) {
            throw new IOException("malformed request: body length " + bodyLength + " outside 0-" + Message.MAX_BODY);
        }
        if (payloadLength < 0 || payloadLength > (64 << 20)) {
            throw new IOException("malformed request: payload length " + payloadLength);
        }
        return new Header(bodyLength, payloadLength, op, tag);
    }

    private ByteBuffer readBody(ByteBuffer in, Header h) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(h.bodyLength);
        while (body.hasRemaining()) {
            if (!in.hasRemaining()) {
                refill(in);
            }
            int n = Math.min(in.remaining(), body.remaining());
            body.put(body.position(), in, in.position(), n);
            body.position(body.position() + n);
            in.position(in.position() + n);
        }
        return body.flip();
    }

    /** Copies a payload into its slot: first what is buffered, then straight from the socket. */
    private void readPayload(ByteBuffer in, ByteBuffer target) throws IOException {
        int buffered = Math.min(in.remaining(), target.remaining());
        target.put(target.position(), in, in.position(), buffered);
        in.position(in.position() + buffered);
        target.position(target.position() + buffered);
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                throw new EOFException();
            }
        }
    }

    private void skipPayload(ByteBuffer in, int length) throws IOException {
        int left = length;
        while (left > 0) {
            if (!in.hasRemaining()) {
                refill(in);
            }
            int n = Math.min(left, in.remaining());
            in.position(in.position() + n);
            left -= n;
        }
    }

    private void fill(ByteBuffer in, int needed) throws IOException {
        while (in.remaining() < needed) {
            refill(in);
        }
    }

    private void refill(ByteBuffer in) throws IOException {
        in.compact();
        try {
            if (channel.read(in) < 0) {
                throw new EOFException();
            }
        } finally {
            in.flip();
        }
    }

    private void reply(int tag, Op op, ByteBuffer body) {
        ByteBuffer m = ByteBuffer.allocate(Message.HEADER_BYTES + body.remaining());
        Message.putHeader(m, body.remaining(), 0, op, tag);
        m.put(body).flip();
        send(m, null);
    }

    private void replyError(int tag, ChannelError code, String message) {
        ByteBuffer body = ByteBuffer.allocate(2 + Message.stringBytes(message));
        body.putShort((short) code.code);
        Message.putString(body, message);
        reply(tag, Op.ERROR, body.flip());
    }

    /**
     * Sends a reply. Replies with a payload (TCP channel) go through this host's writer thread so
     * that no director copies bytes.
     */
    public void send(ByteBuffer message, ByteBuffer payload) {
        if (!open) {
            return;
        }
        if (payload != null) {
            payloadReplies.add(new ByteBuffer[] {message, payload});
            startPayloadWriter();
            return;
        }
        write(message, null);
    }

    /** Sends several replies without payload in one gathering write. */
    public void sendAll(List<ByteBuffer> messages) {
        if (!open) {
            return;
        }
        ByteBuffer[] all = messages.toArray(new ByteBuffer[0]);
        long left = 0;
        for (ByteBuffer b : all) {
            left += b.remaining();
        }
        writeLock.lock();
        try {
            while (left > 0) {
                left -= channel.write(all);
            }
        } catch (IOException e) {
            close();
        } finally {
            writeLock.unlock();
        }
    }

    private void write(ByteBuffer message, ByteBuffer payload) {
        writeLock.lock();
        try {
            while (message.hasRemaining()) {
                channel.write(message);
            }
            while (payload != null && payload.hasRemaining()) {
                channel.write(payload);
            }
        } catch (IOException e) {
            close();
        } finally {
            writeLock.unlock();
        }
    }

    private synchronized void startPayloadWriter() {
        if (payloadWriter == null) {
            payloadWriter = Thread.ofPlatform().daemon().name("host-writer-" + name).start(() -> {
                try {
                    while (open) {
                        ByteBuffer[] m = payloadReplies.take();
                        write(m[0], m[1]);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    public void close() {
        open = false;
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("host {}: close: {}", name, e.toString());
        }
        Thread w = payloadWriter;
        if (w != null) {
            w.interrupt();
        }
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean sharedMemory() {
        return sharedMemory;
    }

    public ChannelDirector director() {
        return director;
    }

    /** Endpoints of this host; guarded by the array's lock. */
    public Set<Endpoint> endpoints() {
        return endpoints;
    }

    /** Listeners of this host; guarded by the array's lock. */
    public Set<PortListener> listeners() {
        return listeners;
    }
}
