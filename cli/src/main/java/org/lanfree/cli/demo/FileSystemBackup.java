package org.lanfree.cli.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.transport.ArrayHost;
import org.lanfree.cli.transport.FsAgentRole;
import org.lanfree.cli.transport.FsServerRole;
import org.lanfree.cli.transport.Progress;
import org.lanfree.cli.transport.Transfer;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.handshake.FsAgentHandshake;
import org.lanfree.connect.handshake.FsAgentListener;
import org.lanfree.connect.handshake.FsServerHandshake;
import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.handshake.StgGrant;
import org.lanfree.connect.net.PortPair;

/**
 * The file-system handshake for real, in this process: a file agent attached over shared
 * memory, a media server attached over the TCP channel, the server initiating; then test data
 * through the array with the SHA-256 checked on both ends.
 */
final class FileSystemBackup implements DemoStep {

    private static final Duration STALL = Duration.ofSeconds(20);
    private static final int GROUP = 1;

    @Override
    public String title() {
        return "File-system backup: the media server calls the file agent";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        try (ArrayHost agentHost = ArrayHost.attach(context.unixChannel(), "demo-fs-agent", context.channelSecret());
             ArrayHost serverHost = ArrayHost.attach(context.tcpChannel(), "demo-media-server", context.channelSecret())) {
            context.say("the file agent attached to the array at " + agentHost.describe());
            context.say("the media server attached to the array at " + serverHost.describe());
            CompletableFuture<Transfer> agentSide = new CompletableFuture<>();
            long movedBefore = BackupReport.bytesMoved(serverHost);
            try (FsAgentListener listener = FsAgentListener.serve(agentHost.layer(), context.peerSecret(),
                    FsAgentHandshake.defaultTimeouts(), PortPair.bindFree("127.0.0.1", 16),
                    session -> serveAgent(session, agentSide))) {
                SockAddr.Net wkp = listener.address();
                context.say("the file agent listens on the LAN at " + wkp + " (its well-known port) and "
                        + wkp.host() + ":" + (wkp.port() + 1));
                Transfer server = backUp(context, serverHost, wkp);
                Transfer agent = agentSide.get(STALL.toSeconds(), TimeUnit.SECONDS);
                BackupReport.tell(context, "fileSystem", agent, "file agent", server, "media server",
                        BackupReport.bytesMoved(serverHost) - movedBefore);
            }
        }
    }

    private Transfer backUp(DemoContext context, ArrayHost serverHost, SockAddr.Net wkp) throws IOException {
        try (FsSession session = new FsServerHandshake(wkp, new StgGrant(GROUP, 0), FsServerHandshake.defaultTimeouts())
                .open(serverHost.layer(), context.peerSecret())) {
            context.say("handshake done; each connection proved the secret both hosts share before its first message:");
            leg(context, "control channel", session.control().localAddress() + " -> " + session.control().remoteAddress(),
                    "LAN (TCP), session token " + session.token());
            leg(context, "error/status channel", session.errors().localAddress() + " -> " + session.errors().remoteAddress(),
                    "LAN (TCP)");
            leg(context, "STG negotiation", "-> " + wkp.host() + ":" + (wkp.port() + 1), "LAN (TCP): group " + GROUP
                    + " offered, the agent answered with STP port " + stpPort(session.data().remoteAddress()) + "; closed");
            leg(context, "data connection", session.data().localAddress() + " -> " + session.data().remoteAddress(),
                    "STP, through the array's cache");
            context.say("the media server asked for " + Bytes.format(context.bytes())
                    + " on the control channel; the agent sends them through the array");
            return FsServerRole.run(session, context.bytes(), STALL, Progress.NONE);
        }
    }

    private static void leg(DemoContext context, String name, String addresses, String what) {
        context.say(String.format(Locale.ROOT, "  %-21s %-33s %s", name, addresses, what));
    }

    private static void serveAgent(FsSession session, CompletableFuture<Transfer> result) {
        try (session) {
            result.complete(FsAgentRole.serve(session, STALL));
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private static String stpPort(SockAddr address) {
        return address instanceof SockAddr.Stp stp ? Integer.toString(stp.port()) : address.toString();
    }
}
