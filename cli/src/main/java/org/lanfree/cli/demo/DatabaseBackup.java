package org.lanfree.cli.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.transport.ArrayHost;
import org.lanfree.cli.transport.DbAgentRole;
import org.lanfree.cli.transport.DbServerRole;
import org.lanfree.cli.transport.Progress;
import org.lanfree.cli.transport.Transfer;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.handshake.DbClientHandshake;
import org.lanfree.connect.handshake.DbServerHandshake;
import org.lanfree.connect.handshake.DbServerListener;
import org.lanfree.connect.handshake.DbSession;
import org.lanfree.connect.handshake.StgGrant;

/**
 * The database handshake for real, in this process: a media server attached over shared
 * memory, a database agent attached over the TCP channel, the agent initiating; after the
 * handshake everything, the verdict included, goes through the array.
 */
final class DatabaseBackup implements DemoStep {

    private static final Duration STALL = Duration.ofSeconds(20);
    private static final int GROUP = 2;
    private static final String CLIENT = "demo-db";

    @Override
    public String title() {
        return "Database backup: the database agent calls the media server";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        try (ArrayHost serverHost = ArrayHost.attach(context.unixChannel(), "demo-media-server", context.channelSecret());
             ArrayHost agentHost = ArrayHost.attach(context.tcpChannel(), "demo-db-agent", context.channelSecret())) {
            context.say("the media server attached to the array at " + serverHost.describe());
            context.say("the database agent attached to the array at " + agentHost.describe());
            CompletableFuture<Transfer> serverSide = new CompletableFuture<>();
            long movedBefore = BackupReport.bytesMoved(serverHost);
            try (DbServerListener listener = DbServerListener.bind(serverHost.layer(), context.peerSecret(),
                    DbServerHandshake.defaultTimeouts(), new SockAddr.Net("127.0.0.1", 0),
                    client -> new StgGrant(GROUP, 0), session -> serveServer(session, serverSide))) {
                context.say("the media server listens on the LAN at " + listener.address() + " (its well-known port)");
                Transfer agent = backUp(context, agentHost, listener.address());
                Transfer server = serverSide.get(STALL.toSeconds(), TimeUnit.SECONDS);
                BackupReport.tell(context, "database", agent, "database agent", server, "media server",
                        BackupReport.bytesMoved(serverHost) - movedBefore);
            }
        }
    }

    private Transfer backUp(DemoContext context, ArrayHost agentHost, SockAddr.Net wkp) throws IOException {
        try (DbSession session = new DbClientHandshake(wkp, CLIENT, "127.0.0.1", DbClientHandshake.defaultTimeouts())
                .open(agentHost.layer(), context.peerSecret())) {
            context.say("handshake done; each connection proved the secret both hosts share before its first message:");
            context.say("  the agent opened a dynamic port on the LAN and sent it to " + wkp + " with its request for client " + CLIENT);
            context.say("  the media server acknowledged, called back on that port and offered STG group " + GROUP);
            context.say("  the agent listened on STP port " + stpPort(session.data().localAddress())
                    + " and sent it back; the media server connected through the array");
            context.say("  the LAN sockets are closed: from here everything, the verdict included, goes through the array on "
                    + session.data().localAddress() + " -> " + session.data().remoteAddress());
            context.say("the database agent sends " + Bytes.format(context.bytes()) + " through the array");
            return DbAgentRole.run(session, context.bytes(), STALL, Progress.NONE);
        }
    }

    private static void serveServer(DbSession session, CompletableFuture<Transfer> result) {
        try (session) {
            result.complete(DbServerRole.serve(session, STALL, Progress.NONE));
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private static String stpPort(SockAddr address) {
        return address instanceof SockAddr.Stp stp ? Integer.toString(stp.port()) : address.toString();
    }
}
