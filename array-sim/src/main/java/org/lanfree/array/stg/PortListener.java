package org.lanfree.array.stg;

import java.util.ArrayDeque;
import java.util.Deque;

/** A listening STP port: connections wait in its backlog until the listening host accepts them. */
public final class PortListener {

    private final long id;
    private final StgGroup group;
    private final int port;
    private final Object host;
    private final int backlog;
    private final Deque<StpConnection> pending = new ArrayDeque<>();
    private final Deque<Object> acceptWaiters = new ArrayDeque<>();

    PortListener(long id, StgGroup group, int port, Object host, int backlog) {
        this.id = id;
        this.group = group;
        this.port = port;
        this.host = host;
        this.backlog = Math.max(1, backlog);
    }

    public long id() {
        return id;
    }

    public StgGroup group() {
        return group;
    }

    public int port() {
        return port;
    }

    public Object host() {
        return host;
    }

    public boolean backlogFull() {
        return pending.size() >= backlog;
    }

    public Deque<StpConnection> pending() {
        return pending;
    }

    public Deque<Object> acceptWaiters() {
        return acceptWaiters;
    }
}
