package org.lanfree.array.stg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lanfree.array.cache.TrackAddress;
import org.lanfree.array.config.ArrayConfig.StgGroupConfig;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;

/**
 * An STG group: its port table, the free tracks of its devices, its listeners and connections.
 * Not thread-safe: the array calls it under its lock.
 */
public final class StgGroup {

    private final StgGroupConfig config;
    private final BitSet portsInUse = new BitSet();
    private final Map<Integer, PortListener> listeners = new LinkedHashMap<>();
    private final Map<Long, StpConnection> connections = new LinkedHashMap<>();
    private final List<Deque<Integer>> freeTracks = new ArrayList<>();
    private int nextDevice;

    public StgGroup(StgGroupConfig config, Map<Integer, Integer> tracksPerDevice) {
        this.config = config;
        for (int device : config.devices()) {
            Deque<Integer> free = new ArrayDeque<>();
            for (int t = 0; t < tracksPerDevice.get(device); t++) {
                free.addLast(t);
            }
            freeTracks.add(free);
        }
    }

    public int id() {
        return config.id();
    }

    public StgGroupConfig config() {
        return config;
    }

    /** Reserves {@code port}, or any free port when it is 0. */
    public int reservePort(int port) throws ChannelException {
        if (port == 0) {
            int offset = portsInUse.nextClearBit(0);
            if (offset >= config.portCount()) {
                throw new ChannelException(ChannelError.NO_FREE_PORT, "all " + config.portCount() + " ports of STG group "
                        + id() + " (" + config.firstPort() + "-" + config.lastPort() + ") are in use"
                        + ". HINT: close idle connections or widen stg." + id() + ".ports");
            }
            portsInUse.set(offset);
            return config.firstPort() + offset;
        }
        if (port < config.firstPort() || port > config.lastPort()) {
            throw new ChannelException(ChannelError.PORT_OUT_OF_RANGE, "STP port " + port + " is outside STG group "
                    + id() + " (ports " + config.firstPort() + "-" + config.lastPort() + ")");
        }
        int offset = port - config.firstPort();
        if (portsInUse.get(offset)) {
            throw new ChannelException(ChannelError.PORT_IN_USE, "STP port " + port + " of STG group " + id()
                    + " is in use");
        }
        portsInUse.set(offset);
        return port;
    }

    public void releasePort(int port) {
        portsInUse.clear(port - config.firstPort());
    }

    public int portsInUse() {
        return portsInUse.cardinality();
    }

    /** Takes {@code count} tracks, spread over the group's devices in turn. */
    public long[] takeTracks(int count) throws ChannelException {
        int free = 0;
        for (Deque<Integer> d : freeTracks) {
            free += d.size();
        }
        if (free < count) {
            throw new ChannelException(ChannelError.NO_ROOM, "STG group " + id() + " has " + free
                    + " free tracks, a ring needs " + count + ". HINT: close idle connections, use shorter rings,"
                    + " or give the group more devices");
        }
        long[] tracks = new long[count];
        for (int i = 0; i < count; ) {
            int d = nextDevice;
            nextDevice = (nextDevice + 1) % freeTracks.size();
            Integer t = freeTracks.get(d).pollFirst();
            if (t != null) {
                tracks[i++] = TrackAddress.of(config.devices().get(d), t);
            }
        }
        return tracks;
    }

    public void returnTracks(long[] tracks) {
        for (long a : tracks) {
            freeTracks.get(config.devices().indexOf(TrackAddress.device(a))).addFirst(TrackAddress.track(a));
        }
    }

    public PortListener listen(long id, int port, Object host, int backlog) {
        PortListener l = new PortListener(id, this, port, host, backlog);
        listeners.put(port, l);
        return l;
    }

    public PortListener listener(int port) {
        return listeners.get(port);
    }

    public void removeListener(PortListener l) {
        listeners.remove(l.port());
        releasePort(l.port());
    }

    public StpConnection newConnection(long id, long[] forward, long[] backward, long connectorId, Object host,
                                       int connectorPort, int listenerPort) {
        StpConnection c = new StpConnection(id, this, forward, backward, connectorId, host, connectorPort, listenerPort);
        connections.put(id, c);
        return c;
    }

    public void removeConnection(StpConnection c) {
        connections.remove(c.id());
        releasePort(c.connectorPort());
        returnTracks(c.toAcceptor().tracks());
        returnTracks(c.toConnector().tracks());
    }

    public Collection<StpConnection> connections() {
        return connections.values();
    }

    public Collection<PortListener> listeners() {
        return listeners.values();
    }
}
