package org.lanfree.array;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.lanfree.array.channel.HostSession;
import org.lanfree.array.channel.Outbox;
import org.lanfree.array.channel.Request;
import org.lanfree.array.stg.Endpoint;
import org.lanfree.array.stg.PortListener;
import org.lanfree.array.stg.Ring;
import org.lanfree.array.stg.StgGroup;
import org.lanfree.array.stg.StpConnection;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STP port table and connection life cycle: LISTEN, UNLISTEN, CONNECT, ACCEPT, CLOSE, and what
 * happens when a host detaches. Runs under the {@link ArrayState} lock.
 */
final class ControlRequests {

    private static final Logger log = LoggerFactory.getLogger(ControlRequests.class);

    private final ArrayState s;
    private final RingRequests rings;

    ControlRequests(ArrayState state, RingRequests rings) {
        this.s = state;
        this.rings = rings;
    }

    void listen(Request r, Outbox out) throws ChannelException {
        StgGroup group = s.group(r.intAt(0));
        int port = group.reservePort(r.intAt(4));
        PortListener l = group.listen(s.newId(), port, r.host(), r.intAt(8));
        s.listeners.put(l.id(), l);
        r.host().listeners().add(l);
        out.ok(r, ByteBuffer.allocate(12).putLong(l.id()).putInt(port).flip());
    }

    void unlisten(Request r, Outbox out) throws ChannelException {
        PortListener l = s.listener(r.host(), r.body().getLong(0));
        removeListener(l, "the listener was closed", out);
        out.ok(r);
    }

    private void removeListener(PortListener l, String why, Outbox out) {
        s.listeners.remove(l.id());
        l.group().removeListener(l);
        ((HostSession) l.host()).listeners().remove(l);
        for (Object w : l.acceptWaiters()) {
            Request a = (Request) w;
            out.error(a.host(), a.tag(), ChannelError.CLOSED, "STP accept on port " + l.port() + ": " + why);
        }
        l.acceptWaiters().clear();
        for (StpConnection c : l.pending()) {
            c.toConnector().reset("STP port " + l.port() + " of group " + l.group().id() + " closed before accepting");
            c.toAcceptor().receiverGone("was never accepted: the listening port closed");
            rings.retry(c.toConnector().readWaiters(), out);
            rings.retry(c.toAcceptor().openWaiters(), out);
            finishIfDone(c);
        }
        l.pending().clear();
    }

    void connect(Request r, Outbox out) throws ChannelException {
        StgGroup group = s.group(r.intAt(0));
        int port = r.intAt(4);
        int ring = r.intAt(8) == 0 ? group.config().defaultRingTracks() : r.intAt(8);
        if (ring < 1 || ring > group.config().maxRingTracks()) {
            throw new ChannelException(ChannelError.RING_TOO_LONG, "a ring of " + ring + " tracks is outside STG group "
                    + group.id() + "'s limit of 1-" + group.config().maxRingTracks()
                    + ". HINT: ask for a shorter ring or raise stg." + group.id() + ".max-ring");
        }
        PortListener l = group.listener(port);
        if (l == null) {
            throw new ChannelException(ChannelError.CONNECTION_REFUSED, "no STP listener on port " + port
                    + " of STG group " + group.id());
        }
        if (l.backlogFull()) {
            throw new ChannelException(ChannelError.CONNECTION_REFUSED, "STP port " + port + " of STG group "
                    + group.id() + " has a full backlog");
        }
        int localPort = group.reservePort(0);
        long[] forward;
        long[] backward;
        try {
            forward = group.takeTracks(ring);
            try {
                backward = group.takeTracks(ring);
            } catch (ChannelException e) {
                group.returnTracks(forward);
                throw e;
            }
        } catch (ChannelException e) {
            group.releasePort(localPort);
            throw e;
        }
        StpConnection c = group.newConnection(s.newId(), forward, backward, s.newId(), r.host(), localPort, port);
        s.endpoints.put(c.connector().id(), c.connector());
        r.host().endpoints().add(c.connector());
        out.ok(r, ByteBuffer.allocate(16).putLong(c.connector().id()).putInt(localPort).putInt(ring).flip());
        if (!l.acceptWaiters().isEmpty()) {
            accepted((Request) l.acceptWaiters().pollFirst(), l, c, out);
        } else {
            l.pending().addLast(c);
        }
        log.debug("stg {}: connection {} from port {} to port {} ({} tracks per ring)", group.id(), c.id(),
                localPort, port, ring);
    }

    void accept(Request r, Outbox out) throws ChannelException {
        PortListener l = s.listener(r.host(), r.body().getLong(0));
        StpConnection c = l.pending().pollFirst();
        if (c == null) {
            l.acceptWaiters().addLast(r);
            return;
        }
        accepted(r, l, c, out);
    }

    private void accepted(Request r, PortListener l, StpConnection c, Outbox out) {
        Endpoint ep = c.accept(s.newId(), r.host());
        s.endpoints.put(ep.id(), ep);
        r.host().endpoints().add(ep);
        out.ok(r, ByteBuffer.allocate(20).putLong(ep.id()).putInt(l.port()).putInt(c.connectorPort())
                .putInt(c.ringTracks()).flip());
    }

    void close(Request r, Outbox out) throws ChannelException {
        Endpoint ep = s.endpoint(r.host(), r.body().getLong(0));
        closeEndpoint(ep, null, out);
        out.ok(r);
    }

    /**
     * Closes an endpoint. A clean close ends its outbound stream where its data ends; a reset
     * ({@code resetReason} not null) makes the peer's reads fail instead.
     */
    private void closeEndpoint(Endpoint ep, String resetReason, Outbox out) {
        if (ep.closed()) {
            return;
        }
        ep.markClosed();
        Ring outRing = ep.out();
        if (!outRing.ended()) {
            if (resetReason != null) {
                outRing.reset(resetReason);
                rings.retry(outRing.readWaiters(), out);
            } else {
                long seq = outRing.opened() - 1;
                while (seq >= outRing.released() && outRing.fill(seq) == 0) {
                    seq--;
                }
                if (seq < outRing.released()) {
                    rings.endStream(outRing, outRing.released(), 0, out);
                } else {
                    rings.endStream(outRing, seq, outRing.fill(seq), out);
                }
            }
        }
        Ring inRing = ep.in();
        inRing.receiverGone(resetReason != null ? "is gone: " + resetReason : "closed its socket");
        rings.dropData(inRing, false);
        for (Request w : ArrayState.drain(inRing.readWaiters())) {
            out.error(w.host(), w.tag(), ChannelError.CLOSED, "the socket was closed");
        }
        for (Request w : ArrayState.drain(inRing.openWaiters())) {
            out.error(w.host(), w.tag(), ChannelError.PEER_RESET, "STP connection " + ep.connection().id()
                    + ": the receiving end (port " + ep.localPort() + ") " + inRing.receiverGoneReason());
        }
        rings.retry(s.slotWaiters, out);
        s.endpoints.remove(ep.id());
        ((HostSession) ep.host()).endpoints().remove(ep);
        finishIfDone(ep.connection());
    }

    private void finishIfDone(StpConnection c) {
        if (c.finished()) {
            rings.dropData(c.toAcceptor(), true);
            rings.dropData(c.toConnector(), true);
            c.group().removeConnection(c);
        }
    }

    /** A host left (closed its channel or died): its endpoints are reset, its listeners closed. */
    void detach(HostSession host, Outbox out) {
        s.hosts.remove(host.id());
        String reason = "host " + host.name() + " detached from the array while connected";
        for (Endpoint ep : new ArrayList<>(host.endpoints())) {
            closeEndpoint(ep, reason, out);
        }
        for (PortListener l : new ArrayList<>(host.listeners())) {
            removeListener(l, "host " + host.name() + " detached", out);
        }
        removeParked(host);
        rings.retry(s.slotWaiters, out);
    }

    private void removeParked(HostSession host) {
        s.slotWaiters.removeIf(r -> r.host() == host);
        for (List<Request> waiting : s.staging.values()) {
            waiting.removeIf(r -> r.host() == host);
        }
        for (StgGroup g : s.groups.values()) {
            for (StpConnection c : g.connections()) {
                for (Ring ring : List.of(c.toAcceptor(), c.toConnector())) {
                    ring.openWaiters().removeIf(o -> ((Request) o).host() == host);
                    ring.readWaiters().removeIf(o -> ((Request) o).host() == host);
                }
            }
            for (PortListener l : g.listeners()) {
                l.acceptWaiters().removeIf(o -> ((Request) o).host() == host);
            }
        }
    }
}
