package org.lanfree.cli.demo;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.list.ListBackupsCommand;
import org.lanfree.cli.media.ListTapesCommand;
import org.lanfree.cli.media.MediaServerDaemon;
import org.lanfree.cli.report.CrosscheckCommand;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.handshake.DbClientHandshake;
import org.lanfree.connect.handshake.DbSession;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.media.server.ServerConfig;
import org.lanfree.media.server.ServerConfigReader;

/**
 * A backup that ends on tape: a database agent calls the media server's well-known port, streams
 * through the array, and the media server writes a tape file and lists the backup in the catalog;
 * then the catalog listing, the cartridges and a crosscheck that reads every block back.
 */
final class BackupToTape implements DemoStep {

    private static final int FRAME = 1 << 20;

    @Override
    public String title() {
        return "A backup to tape: the database agent calls the media server";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        ServerConfig media = ServerConfigReader.read(context.home().file(MediaServerDaemon.CONFIG_FILE));
        SockAddr.Net wkp = new SockAddr.Net("127.0.0.1", media.agents().port());
        long bytes = context.bytes();
        Message verdict;
        byte[] sent;
        try (ArrayDriver array = ArrayDriver.attach(ChannelAddress.parse(context.unixChannel()), "local",
                context.channelSecret());
             SocketLayer layer = new SocketLayer(array);
             DbSession session = new DbClientHandshake(wkp, "local", "127.0.0.1", DbClientHandshake.defaultTimeouts())
                     .open(layer, media.agents().secret())) {
            context.say("the agent of client local ran the handshake with the media server's well-known port " + wkp
                    + "; from here everything goes through the array on " + session.data().localAddress() + " -> "
                    + session.data().remoteAddress());
            FrameWriter out = new FrameWriter(session.data());
            out.writeMessage(new Message.StoreBackup("local", "pg", "demo", "full", 0, "none"));
            long t0 = System.nanoTime();
            sent = stream(out, bytes);
            verdict = new FrameReader(session.data()).readMessage(Duration.ofMinutes(2));
            double seconds = (System.nanoTime() - t0) / 1e9;
            context.say(String.format(java.util.Locale.ROOT, "streamed %s in %.2f s; the media server stripped the"
                    + " frames, wrote one tape file in %s blocks and checked the SHA-256", Bytes.format(bytes), seconds,
                    Bytes.format(media.library().blockSize())));
        }
        if (!(verdict instanceof Message.BackupStored stored)) {
            throw CommandFailure.failed("the media server answered " + verdict + " instead of BackupStored");
        }
        boolean match = stored.sha256().equals(HexFormat.of().formatHex(sent));
        context.say("backup " + stored.backupId() + " is on tape and listed good; SHA-256 " + stored.sha256()
                + (match ? " (matches what the agent sent)" : " (DOES NOT match what the agent sent)"));
        context.summary().putObject("tape").put("backupId", stored.backupId()).put("sha256", stored.sha256())
                .put("match", match);
        if (!match) {
            throw CommandFailure.failed("the media server's digest differs from the agent's");
        }
        String home = context.home().dir().toString();
        context.say("");
        context.say("lanfree list backups");
        context.sayLines(DemoContext.execute(new ListBackupsCommand(), "--home", home));
        context.say("lanfree list tapes");
        context.sayLines(DemoContext.execute(new ListTapesCommand(), "--home", home));
        context.say("lanfree crosscheck (reads every block back from the cartridges)");
        context.sayLines(DemoContext.execute(new CrosscheckCommand(), "--home", home));
    }

    /** Sends {@code bytes} of pseudo-random payload as DATA frames and END; returns their SHA-256. */
    private static byte[] stream(FrameWriter out, long bytes) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(System.nanoTime());
        ByteBuffer frame = ByteBuffer.allocate(FRAME);
        for (long left = bytes; left > 0; left -= FRAME) {
            frame.clear();
            int n = (int) Math.min(FRAME, left);
            while (frame.position() + 8 <= n) {
                frame.putLong(random.nextLong());
            }
            while (frame.position() < n) {
                frame.put((byte) random.nextInt());
            }
            frame.flip();
            md.update(frame.duplicate());
            out.writeData(frame);
        }
        byte[] digest = md.digest();
        out.writeEnd(new SegmentEnd(digest));
        return digest;
    }
}
