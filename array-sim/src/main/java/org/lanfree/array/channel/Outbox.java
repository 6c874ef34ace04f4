package org.lanfree.array.channel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.channel.Message;
import org.lanfree.connect.channel.Op;

/**
 * Replies decided under the array's lock and sent after it is released, so that no host's slow
 * socket holds the lock.
 */
public final class Outbox {

    private record Item(HostSession host, ByteBuffer message, ByteBuffer payload) {
    }

    private final List<Item> items = new ArrayList<>(4);

    /** An OK reply; {@code payload} (TCP channel) follows the body on the wire. */
    public void ok(HostSession host, int tag, ByteBuffer body, ByteBuffer payload) {
        int bodyLength = body == null ? 0 : body.remaining();
        ByteBuffer m = ByteBuffer.allocate(Message.HEADER_BYTES + bodyLength);
        Message.putHeader(m, bodyLength, payload == null ? 0 : payload.remaining(), Op.OK, tag);
        if (body != null) {
            m.put(body);
        }
        items.add(new Item(host, m.flip(), payload));
    }

    public void ok(Request r, ByteBuffer body) {
        ok(r.host(), r.tag(), body, null);
    }

    public void ok(Request r) {
        ok(r.host(), r.tag(), null, null);
    }

    public void error(Request r, ChannelException e) {
        error(r.host(), r.tag(), e.error(), e.getMessage());
    }

    public void error(HostSession host, int tag, ChannelError code, String message) {
        ByteBuffer body = ByteBuffer.allocate(2 + Message.stringBytes(message));
        body.putShort((short) code.code);
        Message.putString(body, message);
        body.flip();
        ByteBuffer m = ByteBuffer.allocate(Message.HEADER_BYTES + body.remaining());
        Message.putHeader(m, body.remaining(), 0, Op.ERROR, tag);
        m.put(body);
        items.add(new Item(host, m.flip(), null));
    }

    /**
     * Sends everything queued, one write per host for replies without payload; call without
     * holding the array's lock.
     */
    public void flush() {
        if (items.size() == 1) {
            Item item = items.get(0);
            item.host().send(item.message(), item.payload());
            items.clear();
            return;
        }
        Map<HostSession, List<ByteBuffer>> plain = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.payload() != null) {
                item.host().send(item.message(), item.payload());
            } else {
                plain.computeIfAbsent(item.host(), h -> new ArrayList<>()).add(item.message());
            }
        }
        plain.forEach(HostSession::sendAll);
        items.clear();
    }
}
