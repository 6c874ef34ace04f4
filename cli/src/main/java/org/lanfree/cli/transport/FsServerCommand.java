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
import org.lanfree.connect.handshake.FsServerHandshake;
import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.handshake.StgGrant;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree transport fs-server}: the media server's role in the file-system flow, one session. */
@Command(name = "fs-server", sortOptions = false,
        header = "File-system flow, media-server side: ask an fs-agent for bytes, check them.",
        description = {
        "The media server's role of the file-system flow (the server initiates): runs the handshake with an "
                + "fs-agent, asks it for SIZE bytes on the control channel, receives them through the array "
                + "checking every frame's CRC32C and the SHA-256, and sends its own SHA-256 back as the verdict.",
        "Prints bytes, seconds, MB/s, SHA-256 and OK or MISMATCH; a progress line each second unless --json.",
        "Exit codes: 0 the digests match, 1 mismatch or failure, 2 bad usage or secret file."})
final class FsServerCommand implements Callable<Integer> {

    @Mixin
    RoleOptions role;

    @Mixin
    StgOptions stg;

    @Option(names = "--agent", paramLabel = "HOST:PORT", required = true, order = 3, converter = HostPort.class,
            description = "The fs-agent's well-known port (it also listens on the next one).")
    SockAddr.Net agent;

    @Option(names = "--bytes", paramLabel = "SIZE", required = true, order = 4, converter = ByteSize.class,
            description = "How much to move, e.g. 1G, 256M.")
    long bytes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SharedSecret secret = role.secret();
        Duration stall = role.stall();
        StgGrant grant = stg.grant();
        if (agent.port() < 1 || agent.port() > 65534) {
            throw CommandFailure.usage("--agent " + agent + ": port " + agent.port()
                    + " leaves no next port for the STG negotiation; expected 1-65534");
        }
        PrintWriter out = spec.commandLine().getOut();
        String peer = FsAgentRole.ROLE + " at " + agent;
        try (ArrayHost host = role.attach(FsServerRole.ROLE)) {
            say(out, "attached to the array at " + host.describe());
            FsSession session;
            try {
                session = new FsServerHandshake(agent, grant, FsServerHandshake.defaultTimeouts())
                        .open(host.layer(), secret);
            } catch (IOException e) {
                throw Failures.handshake(peer, e);
            }
            Transfer t;
            try (session) {
                say(out, "session " + session.token() + " with the " + peer + " is up: control " + session.control().localAddress()
                        + " and error/status " + session.errors().localAddress() + " on the LAN, data "
                        + session.data().localAddress() + " -> " + session.data().remoteAddress()
                        + " through the array; asking for " + Bytes.format(bytes));
                Progress progress = role.json ? Progress.NONE : new ProgressLine(out, FsServerRole.ROLE + ": ", bytes);
                t = FsServerRole.run(session, bytes, stall, progress);
            } catch (IOException e) {
                throw Failures.transfer(e);
            }
            if (role.json) {
                ObjectNode json = TransferReport.json(t);
                json.put("flow", "file-system");
                json.put("session", session.token());
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
            out.println(FsServerRole.ROLE + ": " + line);
            out.flush();
        }
    }
}
