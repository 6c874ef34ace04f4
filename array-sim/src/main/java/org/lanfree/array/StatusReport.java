package org.lanfree.array;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lanfree.array.director.ChannelDirector;
import org.lanfree.array.director.DiskDirector;
import org.lanfree.array.stg.PortListener;
import org.lanfree.array.stg.StgGroup;
import org.lanfree.array.stg.StpConnection;

/**
 * The array's status as one JSON object. Stable names for scripts: {@code bytesMoved},
 * {@code directors} (name, queueDepth, queueCapacity), {@code cache} (slots, used, hitRatio,
 * writePending), {@code stgGroups}, {@code connections}.
 */
final class StatusReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusReport() {
    }

    /** Called under the array's lock. */
    static byte[] json(ArrayState s, List<ChannelDirector> directors, DiskDirector disk) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("uptimeSeconds", (System.nanoTime() - s.startedNanos) / 1_000_000_000L);
        root.put("bytesMoved", s.bytesMoved);
        root.put("hosts", s.hosts().size());
        root.put("directors", directors(directors, disk));
        root.put("cache", cache(s));
        root.put("stgGroups", groups(s));
        root.put("connections", connections(s));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status does not serialize", e);
        }
    }

    private static List<Object> directors(List<ChannelDirector> directors, DiskDirector disk) {
        List<Object> out = new ArrayList<>();
        for (ChannelDirector d : directors) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", d.name());
            m.put("kind", "channel");
            m.put("queueDepth", d.queueDepth());
            m.put("queueCapacity", d.queueCapacity());
            m.put("served", d.served());
            m.put("fullQueueWaits", d.waits());
            out.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "DA");
        m.put("kind", "disk");
        m.put("workers", disk.count());
        m.put("queueDepth", disk.queueDepth());
        m.put("queueCapacity", -1);
        m.put("destagedTracks", disk.destagedTracks());
        m.put("stagedTracks", disk.stagedTracks());
        out.add(m);
        return out;
    }

    private static Map<String, Object> cache(ArrayState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slots", s.cache.slots());
        m.put("trackSize", s.config.trackSize());
        m.put("bytes", s.config.cacheBytes());
        m.put("used", s.cache.used());
        m.put("writePending", s.cache.writePending());
        m.put("hitRatio", s.cache.hitRatio());
        m.put("hits", s.cache.hits());
        m.put("misses", s.cache.misses());
        m.put("file", s.memory.file().toString());
        return m;
    }

    private static List<Object> groups(ArrayState s) {
        List<Object> out = new ArrayList<>();
        for (StgGroup g : s.groups.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", g.id());
            m.put("devices", g.config().devices());
            m.put("ports", g.config().firstPort() + "-" + g.config().lastPort());
            m.put("portsInUse", g.portsInUse());
            m.put("ring", g.config().defaultRingTracks());
            m.put("maxRing", g.config().maxRingTracks());
            List<Integer> listening = new ArrayList<>();
            for (PortListener l : g.listeners()) {
                listening.add(l.port());
            }
            m.put("listening", listening);
            m.put("connections", g.connections().size());
            out.add(m);
        }
        return out;
    }

    private static List<Object> connections(ArrayState s) {
        List<Object> out = new ArrayList<>();
        for (StgGroup g : s.groups.values()) {
            for (StpConnection c : g.connections()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", c.id());
                m.put("group", g.id());
                m.put("connectorPort", c.connectorPort());
                m.put("listenerPort", c.listenerPort());
                m.put("ringTracks", c.ringTracks());
                m.put("accepted", c.acceptor() != null);
                m.put("bytesToAcceptor", c.toAcceptor().bytesDelivered());
                m.put("bytesToConnector", c.toConnector().bytesDelivered());
                out.add(m);
            }
        }
        return out;
    }
}
