package org.lanfree.db.pg.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session with a PostgreSQL server, usually a walsender. {@link #query} runs a command
 * whose replies are plain result sets; {@link #send} and {@link #next} let a caller walk a
 * reply that mixes result sets and a copy stream (BASE_BACKUP, START_REPLICATION).
 * NoticeResponses are logged and kept ({@link #notices}); an ErrorResponse is thrown as
 * {@link PgServerException} once the server is ready again, so the session stays usable.
 * One thread reads a session's replies; writes are serialized, so another thread may send
 * (e.g. CopyDone to stop a stream that the reading thread is waiting on).
 */
public final class ReplicationConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationConnection.class);
    private static final int KEPT_NOTICES = 32;

    private final ConnectionConfig config;
    private final Socket socket;
    private final MessageReader in;
    private final MessageWriter out;
    private final Deque<ServerNotice> notices = new ArrayDeque<>();
    private Map<String, String> parameters;
    private final Object writeLock = new Object();
    private volatile String running;
    private volatile boolean closed;

    private ReplicationConnection(ConnectionConfig config, Socket socket) throws IOException {
        this.config = config;
        this.socket = socket;
        this.in = new MessageReader(new BufferedInputStream(socket.getInputStream(), 128 * 1024));
        this.out = new MessageWriter(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
    }

    /** Connects and logs in; throws {@link PgServerException} when the server refuses, naming what to change. */
    public static ReplicationConnection open(ConnectionConfig config) {
        Socket socket = new Socket();
        ReplicationConnection c = null;
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(config.host(), config.port()), (int) config.connectTimeout().toMillis());
            socket.setSoTimeout((int) config.connectTimeout().toMillis());
            c = new ReplicationConnection(config, socket);
            c.parameters = Map.copyOf(new Login(config, c.in, c.out).run());
            socket.setSoTimeout((int) config.readTimeout().toMillis());
            LOG.debug("pg {}: logged in, server_version {}", config.describe(), c.serverVersion());
            return c;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to PostgreSQL as " + config.describe() + ": " + e.getMessage()
                    + "; HINT: check that the server runs and listens on " + config.host() + ":" + config.port(), e);
        } catch (RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    public ConnectionConfig config() {
        return config;
    }

    /** The ParameterStatus values from login (server_version, integer_datetimes, ...). */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** What the server reports, e.g. "17.5" or "15.18 (Debian 15.18-0+deb12u1)". */
    public String serverVersion() {
        return parameters.getOrDefault("server_version", "");
    }

    /** The major version, e.g. 17. */
    public int serverMajor() {
        String v = serverVersion();
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        if (end == 0) {
            throw new PgProtocolException("server_version '" + v + "' does not start with a number");
        }
        return Integer.parseInt(v.substring(0, end));
    }

    /** The latest notices the server sent (warnings, "WAL archiving is not enabled", ...), oldest first. */
    public synchronized List<ServerNotice> notices() {
        return new ArrayList<>(notices);
    }

    /** Runs {@code sql} and returns its result sets; the reply must hold no copy stream. */
    public List<QueryResult> query(String sql) {
        send(sql);
        List<QueryResult> results = new ArrayList<>();
        List<String> columns = List.of();
        List<List<String>> rows = new ArrayList<>();
        while (true) {
            BackendMessage m = next();
            switch (m) {
                case BackendMessage.RowDescription t -> columns = t.columns();
                case BackendMessage.DataRow d -> rows.add(d.values());
                case BackendMessage.CommandComplete c -> {
                    results.add(new QueryResult(c.tag(), columns, rows));
                    columns = List.of();
                    rows = new ArrayList<>();
                }
                case BackendMessage.EmptyQueryResponse e -> { }
                case BackendMessage.ReadyForQuery z -> {
                    return results;
                }
                default -> throw unexpected(m, "result sets");
            }
        }
    }

    /** Runs {@code sql} and returns its only result set. */
    public QueryResult queryOne(String sql) {
        List<QueryResult> results = query(sql);
        if (results.size() != 1) {
            throw new PgProtocolException("'" + sql + "' returned " + results.size() + " result sets, expected 1");
        }
        return results.get(0);
    }

    /** Sends a simple query; read its reply with {@link #next}. */
    public void send(String sql) {
        checkOpen();
        running = sql;
        LOG.trace("pg {} -> Q {}", config.describe(), sql);
        try {
            synchronized (writeLock) {
                out.query(sql);
            }
        } catch (IOException e) {
            throw broken("sending '" + sql + "'", e);
        }
    }

    /**
     * The next message of the running command's reply, notices aside. An ErrorResponse is
     * thrown as {@link PgServerException} after the server's ReadyForQuery.
     */
    public BackendMessage next() {
        checkOpen();
        while (true) {
            BackendMessage m = read();
            if (m instanceof BackendMessage.NoticeResponse n) {
                keep(n.notice());
                continue;
            }
            if (m instanceof BackendMessage.ParameterStatus p) {
                continue;
            }
            if (m instanceof BackendMessage.ErrorResponse e) {
                skipToReady();
                throw new PgServerException("'" + running + "' on " + config.describe(), e.notice());
            }
            return m;
        }
    }

    /** Sends one CopyData message (in a CopyBoth or CopyIn stream). */
    public void sendCopyData(byte[] data, int off, int len) {
        try {
            synchronized (writeLock) {
                out.copyData(data, off, len);
            }
        } catch (IOException e) {
            throw broken("sending CopyData", e);
        }
    }

    /** Sends CopyDone: the client's half of the copy stream ends. */
    public void sendCopyDone() {
        try {
            synchronized (writeLock) {
                out.copyDone();
            }
        } catch (IOException e) {
            throw broken("sending CopyDone", e);
        }
    }

    /** A message that the caller did not expect at this point, as an exception naming what was expected. */
    public PgProtocolException unexpected(BackendMessage m, String expected) {
        return new PgProtocolException("'" + running + "' on " + config.describe() + ": unexpected " + m
                + ", expected " + expected);
    }

    /** Ends the session (Terminate, then close); harmless when already closed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!socket.isClosed()) {
                synchronized (writeLock) {
                    out.terminate();
                }
            }
        } catch (IOException e) {
            LOG.debug("pg {}: Terminate not sent: {}", config.describe(), e.getMessage());
        }
        closeQuietly(socket);
    }

    @Override
    public String toString() {
        return "replication connection " + config.describe();
    }

    private BackendMessage read() {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw broken("waiting for the reply to '" + running + "': no message for " + config.readTimeout().toSeconds()
                    + " s", e);
        } catch (IOException e) {
            throw broken("reading the reply to '" + running + "'", e);
        }
    }

    private void skipToReady() {
        while (true) {
            BackendMessage m = read();
            if (m instanceof BackendMessage.ReadyForQuery) {
                return;
            }
            if (m instanceof BackendMessage.NoticeResponse n) {
                keep(n.notice());
            }
        }
    }

    private synchronized void keep(ServerNotice n) {
        LOG.info("pg {}: server {}", config.describe(), n.describe());
        if (notices.size() == KEPT_NOTICES) {
            notices.removeFirst();
        }
        notices.addLast(n);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed; open a new one");
        }
    }

    private PgProtocolException broken(String what, IOException e) {
        closeQuietly(socket);
        closed = true;
        return new PgProtocolException(what + " on " + config.describe() + " failed: " + e.getMessage()
                + "; the session is closed. HINT: the server log says why it ended the session", e);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a broken socket: nothing left to do
        }
    }
}
