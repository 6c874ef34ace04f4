package org.lanfree.cli.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.handshake.FsAgentHandshake;
import org.lanfree.connect.handshake.FsAgentListener;
import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.net.PortPair;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree transport fs-agent}: the file agent's role in the file-system flow, serving sessions. */
@Command(name = "fs-agent", sortOptions = false,
        header = "File-system flow, agent side: serve sessions, send the bytes each asks for.",
        description = {
        "The file agent's role of the file-system flow: listens on the well-known port and the next one; for "
                + "each session a media server (transport fs-server) opens, sends the bytes it asks for through the "
                + "array as DATA frames with their SHA-256, then reads the server's verdict on the control channel.",
        "Prints one line per session (bytes, seconds, MB/s, SHA-256, verdict); a connection refused (e.g. a "
                + "wrong secret) counts as a failed session. Serves until SIGTERM, or --sessions N.",
        "Exit codes: 0 every session checked out, 1 a session failed, 2 bad usage or secret file."})
final class FsAgentCommand implements Callable<Integer> {

    @Mixin
    RoleOptions role;

    @Option(names = "--listen", paramLabel = "HOST:PORT", required = true, order = 3, converter = HostPort.class,
            description = "The well-known port P to listen on (P+1 too); port 0 takes any free pair and prints it.")
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
        if (listen.port() == 65535) {
            throw CommandFailure.usage("--listen " + listen + ": port 65535 leaves no next port; expected 0-65534");
        }
        Duration stall = role.stall();
        ServedSessions served = new ServedSessions(FsAgentRole.ROLE, spec.commandLine().getOut(), role.json, sessions);
        try (ArrayHost host = role.attach(FsAgentRole.ROLE);
             FsAgentListener listener = listen(host.layer(), secret, session -> serve(session, stall, served))) {
            listener.onRefusal(served::onRefusal);
            served.say("attached to the array at " + host.describe());
            SockAddr.Net wkp = listener.address();
            served.say("listening on " + wkp + " (control and error/status channels) and " + wkp.host() + ":"
                    + (wkp.port() + 1) + " (STG negotiation); " + (sessions == 0 ? "serving until SIGTERM"
                    : "serving " + sessions + (sessions == 1 ? " session" : " sessions")));
            return served.awaitLast();
        } catch (IOException e) {
            throw CommandFailure.failed("the listener on " + listen + " failed: " + e.getMessage(), e);
        }
    }

    private FsAgentListener listen(SocketLayer layer, SharedSecret secret, Consumer<FsSession> handler) {
        try {
            if (listen.port() == 0) {
                return FsAgentListener.serve(layer, secret, FsAgentHandshake.defaultTimeouts(),
                        PortPair.bindFree(listen.host(), 64), handler);
            }
            return FsAgentListener.bind(layer, secret, FsAgentHandshake.defaultTimeouts(), listen, handler);
        } catch (IOException e) {
            throw CommandFailure.failed("cannot listen on " + listen + " and the next port: " + e.getMessage()
                    + ". HINT: pick free ports with --listen, or port 0 for any free pair", e);
        }
    }

    private static void serve(FsSession session, Duration stall, ServedSessions served) {
        String id = session.token() + " from " + session.control().remoteAddress();
        Transfer t;
        try {
            t = FsAgentRole.serve(session, stall);
        } catch (IOException e) {
            Sessions.closeQuietly(session);
            served.onFailure(id, e);
            return;
        }
        Sessions.closeQuietly(session);
        served.onTransfer(id, t);
    }
}
