package org.lanfree.cli.transport;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.handshake.DbClientHandshake;
import org.lanfree.connect.handshake.DbSession;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree transport db-agent}: the database agent's role in the database flow, one session. */
@Command(name = "db-agent", sortOptions = false,
        header = "Database flow, agent side: dial a db-server and send it bytes.",
        description = {
        "The database agent's role of the database flow (the client initiates): dials the db-server's "
                + "well-known port, lets it call back and connect through the array, then sends SIZE bytes "
                + "through the array and reads the server's SHA-256 of what arrived (the verdict) on the same "
                + "STP connection.",
        "Prints bytes, seconds, MB/s, SHA-256 and OK or MISMATCH; a progress line each second unless --json.",
        "Exit codes: 0 the digests match, 1 mismatch or failure, 2 bad usage or secret file."})
final class DbAgentCommand implements Callable<Integer> {

    @Mixin
    RoleOptions role;

    @Option(names = "--server", paramLabel = "HOST:PORT", required = true, order = 3, converter = HostPort.class,
            description = "The db-server's well-known port.")
    SockAddr.Net server;

    @Option(names = "--bytes", paramLabel = "SIZE", required = true, order = 4, converter = ByteSize.class,
            description = "How much to move, e.g. 1G, 256M.")
    long bytes;

    @Option(names = "--client", paramLabel = "NAME", defaultValue = "transport-check", order = 5,
            description = "The client name the request carries (default: ${DEFAULT-VALUE}).")
    String client;

    @Option(names = "--callback-host", paramLabel = "HOST", order = 6,
            description = "Address the server calls back on (default: this host's address on the route to the server).")
    String callbackHost;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SharedSecret secret = role.secret();
        Duration stall = role.stall();
        if (server.port() == 0) {
            throw CommandFailure.usage("--server " + server + ": port 0 names no server; expected the db-server's"
                    + " well-known port (its 'listening on' line shows it)");
        }
        PrintWriter out = spec.commandLine().getOut();
        String peer = DbServerRole.ROLE + " at " + server;
        String callback = callbackHost != null ? callbackHost : CallbackHost.towards(server);
        try (ArrayHost host = role.attach(DbAgentRole.ROLE)) {
            say(out, "attached to the array at " + host.describe());
            DbSession session;
            try {
                session = new DbClientHandshake(server, client, callback, DbClientHandshake.defaultTimeouts())
                        .open(host.layer(), secret);
            } catch (IOException e) {
                throw Failures.handshake(peer, e);
            }
            Transfer t;
            try (session) {
                say(out, "session for client " + client + " with the " + peer + " is up (it called back on "
                        + callback + "); the LAN sockets are closed, everything now goes through the array on "
                        + session.data().localAddress() + " -> " + session.data().remoteAddress() + "; sending "
                        + Bytes.format(bytes));
                Progress progress = role.json ? Progress.NONE : new ProgressLine(out, DbAgentRole.ROLE + ": ", bytes);
                t = DbAgentRole.run(session, bytes, stall, progress);
            } catch (IOException e) {
                throw Failures.transfer(e);
            }
            if (role.json) {
                ObjectNode json = TransferReport.json(t);
                json.put("flow", "database");
                json.put("client", client);
                json.put("channel", host.describe());
                out.println(Json.pretty(json));
            } else {
                say(out, TransferReport.line(t));
            }
            out.flush();
            if (!t.ok()) {
                throw CommandFailure.failed("the transfer does not check out: " + t.problem());
            }
            return 0;
        }
    }

    private void say(PrintWriter out, String line) {
        if (!role.json) {
            out.println(DbAgentRole.ROLE + ": " + line);
            out.flush();
        }
    }
}
