package org.lanfree.cli.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.handshake.DbServerHandshake;
import org.lanfree.connect.handshake.DbServerListener;
import org.lanfree.connect.handshake.DbSession;
import org.lanfree.connect.handshake.StgGrant;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree transport db-server}: the media server's role in the database flow, serving sessions. */
@Command(name = "db-server", sortOptions = false,
        header = "Database flow, media-server side: serve db-agents, check the bytes they send.",
        description = {
        "The media server's role of the database flow: listens on the well-known port; for each db-agent "
                + "(transport db-agent) that dials it, calls back, grants the STG group, connects through the array, "
                + "receives the agent's bytes checking every frame's CRC32C and the SHA-256, and sends its own "
                + "SHA-256 back as the verdict on the same STP connection.",
        "Prints one line per session (bytes, seconds, MB/s, SHA-256, verdict); a connection refused (e.g. a "
                + "wrong secret) counts as a failed session. Serves until SIGTERM, or --sessions N.",
        "Exit codes: 0 every session checked out, 1 a session failed, 2 bad usage or secret file."})
final class DbServerCommand implements Callable<Integer> {

    @Mixin
    RoleOptions role;

    @Mixin
    StgOptions stg;

    @Option(names = "--listen", paramLabel = "HOST:PORT", required = true, order = 3, converter = HostPort.class,
            description = "The well-known port to listen on; port 0 takes any free port and prints it.")
    SockAddr.Net listen;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "0", order = 4,
            description = "Exit after N sessions; 0 serves until SIGTERM (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SharedSecret secret = role.secret();
        if (sessions < 0) {
            throw CommandFailure.usage("--sessions " + sessions + " is negative; expected 0 (no limit) or more");
        }
        Duration stall = role.stall();
        StgGrant grant = stg.grant();
        ServedSessions served = new ServedSessions(DbServerRole.ROLE, spec.commandLine().getOut(), role.json, sessions);
        try (ArrayHost host = role.attach(DbServerRole.ROLE);
             DbServerListener listener = listen(host, secret, grant, stall, served)) {
            listener.onRefusal(served::onRefusal);
            served.say("attached to the array at " + host.describe());
            served.say("listening on " + listener.address() + " (well-known port); granting STG group "
                    + grant.group() + (grant.ringTracks() == 0 ? " with its default ring" : " with rings of "
                    + grant.ringTracks() + " tracks") + "; " + (sessions == 0 ? "serving until SIGTERM"
                    : "serving " + sessions + (sessions == 1 ? " session" : " sessions")));
            return served.awaitLast();
        } catch (IOException e) {
            throw CommandFailure.failed("the listener on " + listen + " failed: " + e.getMessage(), e);
        }
    }

    private DbServerListener listen(ArrayHost host, SharedSecret secret, StgGrant grant, Duration stall,
                                    ServedSessions served) {
        try {
            return DbServerListener.bind(host.layer(), secret, DbServerHandshake.defaultTimeouts(), listen,
                    client -> grant, session -> serve(session, stall, served));
        } catch (IOException e) {
            throw CommandFailure.failed("cannot listen on " + listen + ": " + e.getMessage()
                    + ". HINT: pick a free port with --listen, or port 0 for any free port", e);
        }
    }

    private static void serve(DbSession session, Duration stall, ServedSessions served) {
        String id = "for client " + session.client() + " from " + session.peer();
        Transfer t;
        try {
            t = DbServerRole.serve(session, stall, Progress.NONE);
        } catch (IOException e) {
            Sessions.closeQuietly(session);
            served.onFailure(id, e);
            return;
        }
        Sessions.closeQuietly(session);
        served.onTransfer(id, t);
    }
}
