package org.lanfree.connect.stp;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.channel.Message;
import org.lanfree.connect.channel.Op;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's command connection to the array. Requests are tagged and may be outstanding many at
 * a time; a reader thread matches replies to them. Losing the connection fails every outstanding
 * and later request with a clear error.
 */
final class ChannelLink implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(ChannelLink.class);

    /** Stands for an absent payload in the gathering write; empty, so sharing it is safe. */
    private static final ByteBuffer NO_PAYLOAD = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final SocketChannel channel;
    private final String arrayName;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ByteBuffer header = ByteBuffer.allocateDirect(Message.HEADER_BYTES);
    private final ByteBuffer[] gather = new ByteBuffer[3];
    private final Map<Integer, Reply> pending = new ConcurrentHashMap<>();
    private final AtomicInteger tags = new AtomicInteger();
    private final Thread reader;
    private volatile ChannelException failure;
    private volatile boolean closing;

    ChannelLink(SocketChannel channel, String arrayName) {
        this.channel = channel;
        this.arrayName = arrayName;
        this.reader = new Thread(this::readReplies, "lanfree-array-link");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends a request. {@code body} is read from position to limit; {@code payload} (may be null)
     * follows it on the wire; {@code payloadTarget} receives the reply's payload.
     */
    Reply send(Op op, ByteBuffer body, ByteBuffer payload, ByteBuffer payloadTarget) throws ChannelException {
        checkOpen();
        int tag = tags.incrementAndGet();
        Reply reply = new Reply(tag, payloadTarget);
        pending.put(tag, reply);
        sendLock.lock();
        try {
            checkOpen();
            header.clear();
            Message.putHeader(header, body.remaining(), payload == null ? 0 : payload.remaining(), op, tag);
            header.flip();
            gather[0] = header;
            gather[1] = body;
            gather[2] = payload == null ? NO_PAYLOAD : payload;
            long want = header.remaining() + body.remaining() + gather[2].remaining();
            long sent = 0;
            while (sent < want) {
                sent += channel.write(gather);
            }
        } catch (IOException e) {
            pending.remove(tag);
            throw lost(e);
        } finally {
            sendLock.unlock();
        }
        return reply;
    }

    private void checkOpen() throws ChannelException {
        ChannelException f = failure;
        if (f != null) {
            throw new ChannelException(f.error(), f.getMessage(), f);
        }
    }

    private void readReplies() {
        ByteBuffer head = ByteBuffer.allocateDirect(Message.HEADER_BYTES);
        try {
            while (true) {
                head.clear();
                readFully(head);
                head.flip();
                int bodyLength = head.getInt();
                int payloadLength = head.getInt();
                Op op = Op.of(head.get());
                int tag = head.getInt();
                if (bodyLength < 0 || bodyLength > Message.MAX_BODY || payloadLength < 0 || op == null) {
                    throw new IOException("the array sent a malformed reply header (body " + bodyLength
                            + ", payload " + payloadLength + ")");
                }
                ByteBuffer body = ByteBuffer.allocate(bodyLength);
                readFully(body);
                body.flip();
                Reply reply = pending.remove(tag);
                if (reply == null) {
                    throw new IOException("the array answered tag " + tag + " that no request carries");
                }
                if (payloadLength > 0) {
                    ByteBuffer target = reply.payloadTarget();
                    if (target == null || target.remaining() < payloadLength) {
                        throw new IOException("the array sent " + payloadLength + " payload bytes for a request with room for "
                                + (target == null ? 0 : target.remaining()));
                    }
                    ByteBuffer slice = target.slice(target.position(), payloadLength);
                    readFully(slice);
                    target.position(target.position() + payloadLength);
                }
                if (op == Op.ERROR) {
                    ChannelError code = ChannelError.of(Short.toUnsignedInt(body.getShort()));
                    reply.fail(new ChannelException(code, Message.getString(body)));
                } else {
                    reply.complete(body, payloadLength);
                }
            }
        } catch (IOException | RuntimeException e) {
            ChannelException f = lost(e);
            pending.values().forEach(r -> r.fail(f));
            pending.clear();
        }
    }

    private void readFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new EOFException("the array closed the channel");
            }
        }
    }

    private ChannelException lost(Exception cause) {
        synchronized (this) {
            if (failure == null) {
                String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                failure = new ChannelException(ChannelError.CLOSED,
                        "lost the channel to the array at " + arrayName + ": " + why
                                + ". HINT: check that array-sim is running ('lanfree array-sim status')", cause);
                if (!closing) {
                    log.warn("array {}: channel lost: {}", arrayName, why);
                }
            }
            return failure;
        }
    }

    boolean isOpen() {
        return failure == null;
    }

    @Override
    public void close() throws IOException {
        closing = true;
        lost(new EOFException("closed by this host"));
        channel.close();
        pending.values().forEach(r -> r.fail(failure));
        pending.clear();
    }
}
