package org.lanfree.array;

import java.nio.ByteBuffer;
import java.util.List;

import org.lanfree.array.channel.ArrayPort;
import org.lanfree.array.channel.HostSession;
import org.lanfree.array.channel.Outbox;
import org.lanfree.array.channel.Request;
import org.lanfree.array.director.ChannelDirector;
import org.lanfree.array.director.DiskDirector;
import org.lanfree.array.director.DiskWork;
import org.lanfree.array.director.RequestHandler;
import org.lanfree.connect.channel.CacheMemory;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.channel.Message;

/**
 * Routes each request to its handler under the array's lock, then sends the replies. Hosts are
 * spread over the channel directors as they attach.
 */
final class ArrayEngine implements ArrayPort, RequestHandler, DiskWork {

    private final ArrayState s;
    private final RingRequests rings;
    private final ControlRequests control;
    private final DiskDirector disk;
    private List<ChannelDirector> directors = List.of();
    private int nextDirector;

    ArrayEngine(ArrayState state, DiskDirector disk) {
        this.s = state;
        this.disk = disk;
        this.rings = new RingRequests(state, disk);
        this.control = new ControlRequests(state, rings);
    }

    void directors(List<ChannelDirector> directors) {
        this.directors = directors;
    }

    @Override
    public void handle(List<Request> requests) {
        Outbox out = new Outbox();
        synchronized (s) {
            for (Request r : requests) {
                handle(r, out);
            }
        }
        out.flush();
    }

    private void handle(Request r, Outbox out) {
        try {
            if (s.stopping) {
                throw new ChannelException(ChannelError.ARRAY_STOPPING, "the array is shutting down");
            }
            switch (r.op()) {
                case OPEN -> rings.open(r, out);
                case COMMIT -> rings.commit(r, out, r.intAt16());
                case PUT -> rings.commit(r, out, r.intAt16() + r.payloadLength());
                case READ -> rings.read(r, out);
                case RELEASE -> rings.release(r, out);
                case SHUTDOWN -> rings.shutdown(r, out);
                case LISTEN -> control.listen(r, out);
                case UNLISTEN -> control.unlisten(r, out);
                case CONNECT -> control.connect(r, out);
                case ACCEPT -> control.accept(r, out);
                case CLOSE -> control.close(r, out);
                case STATUS -> out.ok(r, ByteBuffer.wrap(StatusReport.json(s, directors, disk)));
                default -> throw new ChannelException(ChannelError.BAD_REQUEST, r.op() + " is not a request");
            }
        } catch (ChannelException e) {
            out.error(r, e);
        }
    }

    @Override
    public Attachment attach(HostSession host, String name, boolean sharedMemory) throws ChannelException {
        ChannelDirector director;
        long id;
        synchronized (s) {
            if (s.stopping) {
                throw new ChannelException(ChannelError.ARRAY_STOPPING, "the array is shutting down");
            }
            id = s.newId();
            s.hosts.put(id, host);
            director = directors.get(nextDirector++ % directors.size());
        }
        String file = sharedMemory ? s.memory.file().toString() : "";
        ByteBuffer body = ByteBuffer.allocate(20 + Message.stringBytes(file) + Message.stringBytes(director.name()));
        body.putLong(id).putInt(s.config.trackSize()).putInt(s.config.cacheSlots()).putInt(CacheMemory.HEADER_BYTES);
        Message.putString(body, file);
        Message.putString(body, director.name());
        return new Attachment(id, director, body.flip());
    }

    @Override
    public ByteBuffer slotForPut(HostSession host, long endpoint, long seq, int offset, int length)
            throws ChannelException {
        int slot;
        synchronized (s) {
            slot = rings.slotForPut(host, endpoint, seq, offset, length);
        }
        return s.memory.slot(slot).slice(offset, length);
    }

    @Override
    public void detach(HostSession host) {
        Outbox out = new Outbox();
        synchronized (s) {
            control.detach(host, out);
        }
        out.flush();
    }

    @Override
    public void destaged(int slot, long track, Exception failure) {
        Outbox out = new Outbox();
        synchronized (s) {
            if (failure == null) {
                rings.destaged(slot, out);
            } else {
                rings.destageFailed(slot, out);
            }
        }
        out.flush();
    }

    @Override
    public void staged(int slot, long track, Exception failure) {
        Outbox out = new Outbox();
        synchronized (s) {
            if (failure == null) {
                rings.staged(slot, track, out);
            } else {
                rings.stageFailed(slot, track, failure.toString(), out);
            }
        }
        out.flush();
    }
}
