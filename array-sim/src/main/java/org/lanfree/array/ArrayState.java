package org.lanfree.array;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lanfree.array.cache.CacheDirectory;
import org.lanfree.array.channel.HostSession;
import org.lanfree.array.channel.Request;
import org.lanfree.array.config.ArrayConfig;
import org.lanfree.array.device.Device;
import org.lanfree.array.stg.Endpoint;
import org.lanfree.array.stg.PortListener;
import org.lanfree.array.stg.StgGroup;
import org.lanfree.connect.channel.CacheMemory;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;

/**
 * Everything the array knows, guarded by this object's monitor: every request handler and
 * director synchronizes on it. Work done under it is bookkeeping only; bytes are copied by hosts
 * (and by the TCP channel's readers and writers, and the disk directors) outside it.
 */
public final class ArrayState {

    final ArrayConfig config;
    final CacheMemory memory;
    final CacheDirectory cache;
    final Map<Integer, Device> devices;
    final Map<Integer, StgGroup> groups = new TreeMap<>();
    final Map<Long, Endpoint> endpoints = new HashMap<>();
    final Map<Long, PortListener> listeners = new HashMap<>();
    final Map<Long, HostSession> hosts = new LinkedHashMap<>();
    /** Requests waiting for a cache slot, in arrival order. */
    final List<Request> slotWaiters = new ArrayList<>();
    /** Tracks being staged from their device, with the reads waiting for them. */
    final Map<Long, List<Request>> staging = new HashMap<>();
    final long startedNanos = System.nanoTime();
    long nextId = 1;
    long bytesMoved;
    int destagesInFlight;
    boolean stopping;

    ArrayState(ArrayConfig config, CacheMemory memory, Map<Integer, Device> devices) {
        this.config = config;
        this.memory = memory;
        this.cache = new CacheDirectory(config.cacheSlots());
        this.devices = devices;
        Map<Integer, Integer> tracks = new HashMap<>();
        devices.forEach((n, d) -> tracks.put(n, d.tracks()));
        for (ArrayConfig.StgGroupConfig g : config.groups()) {
            groups.put(g.id(), new StgGroup(g, tracks));
        }
    }

    long newId() {
        return nextId++;
    }

    StgGroup group(int id) throws ChannelException {
        StgGroup g = groups.get(id);
        if (g == null) {
            throw new ChannelException(ChannelError.NO_SUCH_GROUP, "STG group " + id
                    + " is not configured on the array; configured groups: " + groups.keySet()
                    + ". HINT: check stg." + id + ".* in the array's configuration");
        }
        return g;
    }

    /** The endpoint {@code id}, which must belong to {@code host}. */
    Endpoint endpoint(HostSession host, long id) throws ChannelException {
        Endpoint ep = endpoints.get(id);
        if (ep == null || ep.host() != host) {
            throw new ChannelException(ChannelError.NO_SUCH_ENDPOINT, "STP endpoint " + id
                    + " is not open on host " + host.name());
        }
        return ep;
    }

    PortListener listener(HostSession host, long id) throws ChannelException {
        PortListener l = listeners.get(id);
        if (l == null || l.host() != host) {
            throw new ChannelException(ChannelError.CLOSED, "STP listener " + id + " is not open on host "
                    + host.name());
        }
        return l;
    }

    Collection<HostSession> hosts() {
        return hosts.values();
    }

    /** Takes every request of a wait list, to try them again in order. */
    static List<Request> drain(List<?> waiters) {
        List<Request> out = new ArrayList<>(waiters.size());
        for (Object o : waiters) {
            out.add((Request) o);
        }
        waiters.clear();
        return out;
    }
}
